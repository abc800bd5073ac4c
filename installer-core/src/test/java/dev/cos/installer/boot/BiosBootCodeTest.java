package dev.cos.installer.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.sys.Command;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiosBootCodeTest {

    @Test
    void writesCoreImgIntoTheBiosPartitionThenBootImgIntoTheMbrPointingAtIt() {
        List<Command> commands = BiosBootCode.commands("/dev/loop3", "/dev/loop3p1", 2048, "/grub/boot.img", "/s/core.img");
        assertEquals(List.of(
                "dd if=/s/core.img of=/dev/loop3p1 bs=512 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3p1 bs=1 seek=500 count=8 conv=notrunc,fsync status=none",
                "dd if=/grub/boot.img of=/dev/loop3 bs=440 count=1 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3 bs=1 seek=92 count=8 conv=notrunc,fsync status=none",
                "dd of=/dev/loop3 bs=1 seek=102 count=2 conv=notrunc,fsync status=none"),
                commands.stream().map(Command::display).toList());
        assertEquals("0108000000000000", hex(commands.get(1)), "core.img's rest starts at sector 2049");
        assertEquals("0008000000000000", hex(commands.get(3)), "boot.img loads sector 2048");
        assertEquals("9090", hex(commands.get(4)), "the drive check's jmp becomes two nops");
    }

    @Test
    void sectorNumbersAreLittleEndian64Bit() {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xCD, (byte) 0xAB, (byte) 0x89, 0x67, 0x45, 0x23, 0x01},
                BiosBootCode.littleEndian64(0x0123456789ABCDEFL));
    }

    private static String hex(Command command) {
        return HexFormat.of().formatHex(command.stdin().orElseThrow());
    }
}
