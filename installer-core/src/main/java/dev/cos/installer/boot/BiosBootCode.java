package dev.cos.installer.boot;

import dev.cos.installer.process.Command;
import dev.cos.installer.tools.Dd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writes that make a GPT disk boot GRUB on BIOS firmware, done the way grub-bios-setup does
 * them for a disk with a BIOS boot partition (GRUB 2.06, include/grub/i386/pc/boot.h):
 * <ol>
 *   <li>core.img goes into the BIOS boot partition; the blocklist at the end of its first sector
 *       (diskboot.img) gets the disk sector of core.img's second sector (grub-mkimage already filled
 *       in the length and load segment);</li>
 *   <li>boot.img's code (its first 440 bytes, so the disk signature and the protective MBR's
 *       partition table stay) goes to sector 0, with the sector of core.img patched in and the
 *       drive-number check turned on, as grub-bios-setup does for hard disks.</li>
 * </ol>
 * Unlike grub-bios-setup, a rewrite is safe to cut at any moment: core.img has two places, the
 * second and the first half of the partition. The new core.img goes to the second half, then
 * sector 0's code is switched to it in one single-sector write, then the same for the first half.
 * So sector 0 always points at a complete core.img, the old or the new. Sectors are 512 bytes
 * (BIOS booting from GPT needs that). Pure.
 */
public final class BiosBootCode {

    /** boot.img bytes copied into the MBR: up to the disk signature at 0x1B8. */
    public static final int BOOT_CODE_BYTES = 0x1B8;
    /** boot.img: 64-bit sector of core.img's first sector. */
    public static final int KERNEL_SECTOR_OFFSET = 0x5C;
    /** boot.img: a short jmp over the "%dl is not a hard disk" workaround; grub-bios-setup nops it. */
    public static final int DRIVE_CHECK_OFFSET = 0x66;
    /** core.img (diskboot.img): the first blocklist entry's 64-bit start sector (0x200 - 12). */
    public static final int BLOCKLIST_START_OFFSET = 0x1F4;

    private static final byte NOP = (byte) 0x90;

    private BiosBootCode() {
    }

    /** The most a core.img may take: half the BIOS boot partition (the other half holds the previous one). */
    public static long maxCoreBytes(BootloaderTarget.BiosPartition partition) {
        return halfSectors(partition) * 512;
    }

    /**
     * @param disk the whole disk (its sector 0 gets boot.img's code)
     * @param partition the BIOS boot partition
     * @param bootImg GRUB's boot.img (at least its first {@link #BOOT_CODE_BYTES} bytes)
     * @param coreImg the core.img built for this disk, at most {@link #maxCoreBytes} long
     */
    public static List<Command> commands(String disk, BootloaderTarget.BiosPartition partition, byte[] bootImg,
                                         String coreImg) {
        if (bootImg.length < BOOT_CODE_BYTES) {
            throw new IllegalArgumentException("boot.img has " + bootImg.length + " bytes, not " + BOOT_CODE_BYTES);
        }
        List<Command> commands = new ArrayList<>();
        for (long half : List.of(halfSectors(partition), 0L)) {
            long coreSector = partition.startSector512() + half;
            commands.add(Dd.copyAt(coreImg, partition.device(), half));
            commands.add(Dd.writeAt(partition.device(), half * 512 + BLOCKLIST_START_OFFSET, littleEndian64(coreSector + 1)));
            commands.add(Dd.writeHead(disk, bootCode(bootImg, coreSector)));
        }
        return List.copyOf(commands);
    }

    /** boot.img's code with core.img's sector patched in and the drive check's jmp made two nops. */
    static byte[] bootCode(byte[] bootImg, long coreSector) {
        byte[] code = Arrays.copyOf(bootImg, BOOT_CODE_BYTES);
        System.arraycopy(littleEndian64(coreSector), 0, code, KERNEL_SECTOR_OFFSET, Long.BYTES);
        code[DRIVE_CHECK_OFFSET] = NOP;
        code[DRIVE_CHECK_OFFSET + 1] = NOP;
        return code;
    }

    private static long halfSectors(BootloaderTarget.BiosPartition partition) {
        return partition.sizeSectors512() / 2;
    }

    static byte[] littleEndian64(long value) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
