package dev.cos.installer.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.process.Command;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiosBootCodeTest {

    private static final BootloaderTarget.BiosPartition BIOS = new BootloaderTarget.BiosPartition("/dev/loop3p1", 2048, 2048);

    @Test
    void writesCoreImgIntoTheSpareHalfSwitchesTheMbrToItThenDoesTheSameForTheFirstHalf() {
        byte[] bootImg = new byte[512];
        Arrays.fill(bootImg, (byte) 0x11);
        List<Command> commands = BiosBootCode.commands("/dev/loop3", BIOS, bootImg, "/s/core.img");
        assertEquals(List.of(
                "dd if=/s/core.img of=/dev/loop3p1 bs=512 seek=1024 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3p1 bs=1 seek=524788 count=8 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3 bs=440 count=1 iflag=fullblock conv=notrunc,fsync status=none",
                "dd if=/s/core.img of=/dev/loop3p1 bs=512 seek=0 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3p1 bs=1 seek=500 count=8 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3 bs=440 count=1 iflag=fullblock conv=notrunc,fsync status=none"),
                commands.stream().map(Command::display).toList());
        assertEquals("010c000000000000", hex(commands.get(1)), "the spare core.img loads its rest from sector 3073");
        assertEquals(2048 + 1024, kernelSector(commands.get(2)), "sector 0 first points at the spare");
        assertEquals("0108000000000000", hex(commands.get(4)), "core.img's rest starts at sector 2049");
        assertEquals(2048, kernelSector(commands.get(5)), "then at the first half again");
    }

    @Test
    void theMbrIsBootImgsCodeInOneWriteWithTheSectorPatchedAndTheDriveCheckTurnedOn() {
        byte[] bootImg = new byte[512];
        Arrays.fill(bootImg, (byte) 0x11);
        byte[] code = BiosBootCode.bootCode(bootImg, 2048);
        assertEquals(BiosBootCode.BOOT_CODE_BYTES, code.length, "the disk signature and partition table stay");
        assertEquals(2048, ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN).getLong(BiosBootCode.KERNEL_SECTOR_OFFSET));
        assertEquals("9090", HexFormat.of().formatHex(code, BiosBootCode.DRIVE_CHECK_OFFSET,
                BiosBootCode.DRIVE_CHECK_OFFSET + 2), "the drive check's jmp becomes two nops");
        assertEquals(0x11, code[0] & 0xff);
        assertEquals(0x11, code[BiosBootCode.BOOT_CODE_BYTES - 1] & 0xff);
    }

    @Test
    void aCoreImgMayTakeHalfTheBiosPartition() {
        assertEquals(512 * 1024, BiosBootCode.maxCoreBytes(BIOS));
    }

    @Test
    void sectorNumbersAreLittleEndian64Bit() {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xCD, (byte) 0xAB, (byte) 0x89, 0x67, 0x45, 0x23, 0x01},
                BiosBootCode.littleEndian64(0x0123456789ABCDEFL));
    }

    private static long kernelSector(Command mbrWrite) {
        return ByteBuffer.wrap(mbrWrite.stdin().orElseThrow()).order(ByteOrder.LITTLE_ENDIAN)
                .getLong(BiosBootCode.KERNEL_SECTOR_OFFSET);
    }

    private static String hex(Command command) {
        return HexFormat.of().formatHex(command.stdin().orElseThrow());
    }
}
