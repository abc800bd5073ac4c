package dev.cos.installer.boot;

import dev.cos.installer.sys.Command;
import dev.cos.installer.tools.Dd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The writes that make a GPT disk boot GRUB on BIOS firmware, done the way grub-bios-setup does
 * them for a disk with a BIOS boot partition (GRUB 2.06, include/grub/i386/pc/boot.h):
 * <ol>
 *   <li>core.img goes to the start of the BIOS boot partition; the blocklist at the end of its first
 *       sector (diskboot.img) gets the disk sector of core.img's second sector (grub-mkimage already
 *       filled in the length and load segment);</li>
 *   <li>boot.img's code (its first 440 bytes, so the disk signature and the protective MBR's
 *       partition table stay) goes to sector 0, with the sector of core.img patched in and the
 *       drive-number check turned on, as grub-bios-setup does for hard disks.</li>
 * </ol>
 * Sectors are 512 bytes (BIOS booting from GPT needs that). Pure.
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

    /**
     * @param disk the whole disk (its sector 0 gets boot.img)
     * @param biosPartition the BIOS boot partition's device
     * @param biosPartitionStartSector the partition's first 512-byte sector on the disk
     * @param bootImg GRUB's boot.img
     * @param coreImg the core.img built for this disk
     */
    public static List<Command> commands(String disk, String biosPartition, long biosPartitionStartSector,
                                         String bootImg, String coreImg) {
        return List.of(
                Dd.copy(coreImg, biosPartition),
                Dd.writeAt(biosPartition, BLOCKLIST_START_OFFSET, littleEndian64(biosPartitionStartSector + 1)),
                Dd.copyHead(bootImg, disk, BOOT_CODE_BYTES),
                Dd.writeAt(disk, KERNEL_SECTOR_OFFSET, littleEndian64(biosPartitionStartSector)),
                Dd.writeAt(disk, DRIVE_CHECK_OFFSET, new byte[] {NOP, NOP}));
    }

    static byte[] littleEndian64(long value) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
