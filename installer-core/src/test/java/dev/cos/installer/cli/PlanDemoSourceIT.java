package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.source.DemoImageBuilder;
import dev.cos.installer.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `plan` with no --source plans the demo image, and lists the bootloader commands an install runs. */
class PlanDemoSourceIT {

    @TempDir
    Path temp;

    @AfterEach
    void forgetTheScript() {
        System.clearProperty(DemoImageBuilder.SCRIPT_PROPERTY);
    }

    @Test
    void withoutASourceThePlanUsesTheDemoImageAndListsTheBootloaderCommands() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("demo-tree/etc"));
        Files.writeString(tree.resolve("os-release"), "NAME=demo\nVERSION_ID=1.0\n");
        // Stands in for build-demo-image.sh: logs on stderr, the tree on its last stdout line.
        Path script = Files.writeString(temp.resolve("build-demo-image.sh"),
                "echo building >&2\necho cached\necho " + tree.getParent() + "\n");
        System.setProperty(DemoImageBuilder.SCRIPT_PROPERTY, script.toString());
        Path image = temp.resolve("disk.img");

        Cli.Result result = Cli.run("plan", "--target", image.toString(), "--size", "8G");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("dir://" + tree.getParent()), result.out());
        for (String expected : new String[] {"grub-mkimage -O x86_64-efi", "mcopy -o -i /dev/loopNp2 ",
                "::/EFI/BOOT/BOOTX64.NEW", "mren -D o -i /dev/loopNp2 ::/EFI/BOOT/BOOTX64.NEW ::/EFI/BOOT/BOOTX64.EFI",
                "grub-mkimage -O i386-pc", "of=/dev/loopNp1 bs=512 seek=1024", "dd of=/dev/loopN bs=440 count=1",
                "write COS_STATE:/grub2/grub.cfg", "write COS_RECOVERY:/grub2/grub.cfg"}) {
            assertTrue(result.out().contains(expected), expected + " in:\n" + result.out());
        }
        assertFalse(Files.exists(image), "a plan writes nothing");
    }
}
