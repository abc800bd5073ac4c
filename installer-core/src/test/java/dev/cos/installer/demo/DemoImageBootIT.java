package dev.cos.installer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.process.CommandResult;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.Qemu;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo OS image, installed with the CLI, boots by direct kernel boot under QEMU (no GRUB: the
 * kernel and initrd come from the tree, the command line is the one GRUB's menu entries pass) and
 * its initramfs and init keep the runtime contract: the right slot and version, /oem and /usr/local
 * from their partitions, boot attempts cleared in COS_OEM:/grubenv in place, power-off on request,
 * and a kernel panic (not a hang) when the image cannot start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoImageBootIT {

    private static final String COMMON_ARGS = "panic=5 rd.cos.oemlabel=COS_OEM console=ttyS0 cos.test=poweroff";
    private static final String ACTIVE = "root=LABEL=COS_STATE cos-img/filename=/cOS/active.img " + COMMON_ARGS;
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path temp;

    private Path tree;
    private Path disk;
    private Path kernel;
    private Path initrd;

    @BeforeAll
    void installVersionOne() throws IOException {
        tree = DemoImage.tree("1.0");
        kernel = Files.copy(tree.resolve("boot/vmlinuz"), temp.resolve("vmlinuz"));
        initrd = Files.copy(tree.resolve("boot/initrd"), temp.resolve("initrd"));
        Path cloud = Files.writeString(temp.resolve("user.yaml"), "#cloud-config\nhostname: demo\n");
        disk = install(tree, "disk.img", "--cloud-init", cloud.toString());
    }

    @Test
    void activeBootsClearsItsBootAttemptsInPlaceAndMountsOemAndPersistent() throws IOException {
        GptDisk gpt = GptDisk.read(disk);
        setGrubenv(gpt, "cos_tries_active=x", "keep_me=yes", "cos_tries_passive=2", "saved_entry=cos");
        String blockBefore = grubenvBlock(gpt);
        Path marker = Files.writeString(temp.resolve("from-the-test.txt"), "written offline\n");
        e2fsck(gpt, "persistent");
        Tools.run("debugfs", "-w", "-R", "write " + marker + " /from-the-test.txt", gpt.extPath("persistent"));

        Qemu.Result result = bootExpecting(ACTIVE, "demo-active", "COS-BOOTED slot=active version=1.0");

        assertEquals(List.of("COS-MOUNT /oem LABEL=COS_OEM", "COS-MOUNT /usr/local LABEL=COS_PERSISTENT"),
                Qemu.linesStartingWith(result.serial(), "COS-MOUNT "), result::toString);
        List<String> listings = Qemu.linesStartingWith(result.serial(), "COS-LS ");
        assertTrue(listings.stream().anyMatch(l -> l.startsWith("COS-LS /oem ") && l.contains(" 90_custom.yaml ")),
                "the cloud-init file given at install is in /oem: " + listings);
        assertTrue(listings.stream().anyMatch(l -> l.startsWith("COS-LS /usr/local ") && l.contains(" from-the-test.txt ")),
                "the file written into COS_PERSISTENT is in /usr/local: " + listings);

        // The guest unmounted what it wrote: both filesystems are clean without a journal replay.
        assertEquals(0, Tools.execute("e2fsck", "-fn", gpt.extPath("oem")).exitCode(), "COS_OEM clean after power-off");
        assertEquals(0, Tools.execute("e2fsck", "-fn", gpt.extPath("persistent")).exitCode(),
                "COS_PERSISTENT clean after power-off");
        Path grubenv = temp.resolve("grubenv-after");
        Files.deleteIfExists(grubenv);
        gpt.dump("oem", "/grubenv", grubenv);
        assertEquals(1024, Files.size(grubenv), "grubenv keeps its 1024 bytes");
        // The counters are gone, the other variables kept, and the booted system recorded the image it
        // came up from (its filesystem UUID: docs/boot.md, the boot record).
        Path active = temp.resolve("active-after.img");
        Files.deleteIfExists(active);
        gpt.dump("state", "/cOS/active.img", active);
        String uuid = Tools.run("blkid", "-p", "-s", "UUID", "-o", "value", active.toString()).strip();
        assertEquals("keep_me=yes\nsaved_entry=cos\ncos_good_uuid=" + uuid + "\n",
                Tools.run("grub-editenv", grubenv.toString(), "list"));
        Files.delete(active);
        assertEquals(blockBefore, grubenvBlock(gpt), "grubenv rewritten in place, in the same block");
    }

    @Test
    void passiveBootsAsPassive() {
        bootExpecting("root=LABEL=COS_STATE cos-img/filename=/cOS/passive.img " + COMMON_ARGS, "demo-passive",
                "COS-BOOTED slot=passive version=1.0");
    }

    @Test
    void recoveryBootsFromTheSquashfsWithoutPersistent() {
        Qemu.Result result = bootExpecting("root=LABEL=COS_RECOVERY cos-img/filename=/cOS/recovery.squashfs " + COMMON_ARGS,
                "demo-recovery", "COS-BOOTED slot=recovery version=1.0");
        assertEquals(List.of("COS-MOUNT /oem LABEL=COS_OEM", "COS-MOUNT /usr/local none"),
                Qemu.linesStartingWith(result.serial(), "COS-MOUNT "), result::toString);
    }

    @Test
    void aSecondVersionBootsWithItsVersion() {
        Path two = DemoImage.tree("2.0");
        Path twoDisk = install(two, "disk-2.0.img");
        Qemu.Result result = Qemu.Boot.disk(twoDisk).timeout(BOOT_TIMEOUT)
                .kernel(two.resolve("boot/vmlinuz"), two.resolve("boot/initrd"), ACTIVE).run("demo-version-2");
        assertPoweredOff(result);
        assertEquals(List.of("COS-BOOTED slot=active version=2.0"), Qemu.bootedLines(result.serial()), result::toString);
    }

    @Test
    void anImageWithoutInitPanicsTheKernelInsteadOfHanging() {
        Path broken = temp.resolve("broken-tree");
        Tools.run("cp", "-a", tree.toString(), broken.toString());
        Tools.run("rm", broken.resolve("sbin/init").toString());
        Path brokenDisk = install(broken, "broken.img");

        Qemu.Result result = boot(brokenDisk, ACTIVE, "demo-broken");

        assertFalse(result.timedOut(), result::toString);
        assertEquals(1, result.exit(), "pvpanic reports the guest's panic: " + result);
        assertEquals(List.of(), Qemu.bootedLines(result.serial()));
        assertTrue(result.serial().contains("has no executable /sbin/init"), result::toString);
        assertTrue(result.serial().contains("Kernel panic"), result::toString);
    }

    private Path install(Path source, String name, String... extra) {
        Path image = temp.resolve(name);
        List<String> args = new ArrayList<>(List.of("install", "--target", image.toString(), "--size", "3G",
                "--source", source.toString()));
        args.addAll(List.of(extra));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        return image;
    }

    private Qemu.Result boot(Path image, String append, String name) {
        return Qemu.Boot.disk(image).timeout(BOOT_TIMEOUT).noReboot(true).kernel(kernel, initrd, append).run(name);
    }

    /** Boots the version 1.0 disk; it must print exactly this booted line and power off by itself. */
    private Qemu.Result bootExpecting(String append, String name, String bootedLine) {
        Qemu.Result result = boot(disk, append, name);
        assertPoweredOff(result);
        assertEquals(List.of(bootedLine), Qemu.bootedLines(result.serial()), result::toString);
        return result;
    }

    private static void assertPoweredOff(Qemu.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exit(), result::toString);
        assertTrue(result.serial().contains("reboot: Power down"), result::toString);
    }

    /** Replaces COS_OEM:/grubenv with a block holding these variables, as grub-editenv writes it. */
    private void setGrubenv(GptDisk gpt, String... assignments) throws IOException {
        e2fsck(gpt, "oem");
        Path env = temp.resolve("grubenv-before");
        Files.deleteIfExists(env);
        gpt.dump("oem", "/grubenv", env);
        List<String> argv = new ArrayList<>(List.of("grub-editenv", env.toString(), "set"));
        argv.addAll(List.of(assignments));
        Tools.run(argv.toArray(String[]::new));
        Tools.run("debugfs", "-w", "-R", "rm /grubenv", gpt.extPath("oem"));
        Tools.run("debugfs", "-w", "-R", "write " + env + " /grubenv", gpt.extPath("oem"));
        assertTrue(gpt.cat("oem", "/grubenv").contains("cos_tries_active=x\n"), "grubenv prepared");
    }

    /** The filesystem block holding the first byte of COS_OEM:/grubenv. */
    private static String grubenvBlock(GptDisk gpt) {
        return Tools.run("debugfs", "-R", "bmap /grubenv 0", gpt.extPath("oem")).strip();
    }

    /** A guest that was killed leaves a journal to replay: fix it up before writing offline. */
    private static void e2fsck(GptDisk gpt, String partition) {
        CommandResult result = Tools.execute("e2fsck", "-fy", gpt.extPath(partition));
        assertTrue(result.exitCode() <= 1, "e2fsck " + partition + ": " + result.stdout() + result.stderr());
    }
}
