package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.installed.MountBases;
import dev.cos.installer.testsupport.BootProofs;
import dev.cos.installer.testsupport.BootSample;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.KilledRun;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Qemu;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upgrades halted right after each step (a child CLI process with the test-only stop variable, as a
 * power cut would leave them) and then booted under QEMU: the disk must boot a working system, the
 * old or the new version and never recovery or nothing, with COS_PERSISTENT's files unchanged and
 * state.yaml describing the images; running the upgrade again completes it. The demo image 1.0 is
 * installed once; every stop point of the system upgrade works on its own sparse copy. Every stop
 * point is checked offline (state.yaml, the images' versions and labels, which images exist,
 * COS_PERSISTENT); QEMU boots a seeded sample of them each run ({@link BootSample}: one stop point of
 * each way a halted disk must boot, the seed printed, {@code -Dcos.test.seed=N} repeats it), and a
 * stop point whose boot-read bytes equal a booted one's on that firmware has that boot as its proof
 * (BootProofs: the steps before the renames change nothing a boot reads). The recovery upgrade's stop
 * points run one after another on one copy: the sampled rounds boot recovery, and the last rerun's
 * recovery is always booted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeInterruptionBootIT {

    private static final Duration ONE_BOOT = Duration.ofSeconds(150);
    private static final String MARKER = "kept-through-upgrades";
    private static final List<String> SYSTEM_STEPS = List.of("mount", "lock", "clean", "verify", "space", "unpack",
            "transition", "sync", "swap-passive", "swap-active");
    /** The recovery upgrade's stop points, swap-recovery first: a boot after it shows the recovery a rerun wrote. */
    private static final List<String> RECOVERY_STEPS = List.of("swap-recovery", "mount", "lock", "clean", "verify",
            "space", "unpack", "transition", "sync");
    /**
     * The stop points grouped by how their disk must boot (before the renames: the old system; between
     * them: passive; after: the new one): each run boots one of each group. A recovery upgrade halted
     * after swap-recovery (the new recovery) is always booted; of the others (the old recovery), two.
     */
    private static final BootSample SAMPLE = BootSample.of("UpgradeInterruptionBootIT", BootSample.runSeed(), List.of(
            SYSTEM_STEPS.subList(0, 8), List.of("swap-passive"), List.of("swap-active")), 1);
    private static final BootSample RECOVERY_SAMPLE = BootSample.of("UpgradeInterruptionBootIT (recovery upgrade)",
            SAMPLE.seed(), List.of(RECOVERY_STEPS.subList(1, RECOVERY_STEPS.size())), 2);

    @TempDir
    static Path temp;

    private Path installed;
    private BootProofs boots;
    private String persistentBefore;
    private final Map<String, String> versionBySource = new HashMap<>();

    @BeforeAll
    void installTheDemoImageOnce() throws IOException {
        boots = new BootProofs(ONE_BOOT, Files.createDirectories(temp.resolve("fingerprints")));
        installed = temp.resolve("installed.img");
        cli("install", "--target", installed.toString(), "--size", "3G", "--source", DemoImage.tree("1.0").toString());
        OfflineDisk disk = new OfflineDisk(installed, Files.createDirectories(temp.resolve("installed-work")));
        disk.setGrubenv("extra_cmdline=cos.test=poweroff");
        Path marker = Files.writeString(temp.resolve(MARKER), "user data on COS_PERSISTENT\n");
        Tools.run("debugfs", "-w", "-R", "write " + marker + " /" + MARKER, disk.gpt().extPath("persistent"));
        persistentBefore = disk.filesChecksum("persistent");
        for (String version : List.of("1.0", "2.0", "3.0")) {
            versionBySource.put("dir://" + DemoImage.tree(version), version);
        }
    }

    static List<String> systemSteps() {
        return SYSTEM_STEPS;
    }

    @ParameterizedTest(name = "system upgrade halted after {0}")
    @MethodSource("systemSteps")
    void aSystemUpgradeHaltedAfterAnyStepBootsTheOldOrTheNewSystemAndARerunCompletesIt(String step) throws Exception {
        OfflineDisk disk = copy("system-" + step);
        List<String> upgrade = List.of("upgrade", "--target", disk.gpt().image().toString(), "--as-booted", "active",
                "--source", DemoImage.tree("2.0").toString());
        long child = KilledRun.stoppedAfter(disk.gpt().image(), temp.resolve("system-" + step + ".out"), step, upgrade);

        // Before the first rename nothing that boots has changed; between the renames there is no
        // active.img and GRUB falls back to passive.img, the system that ran; after both, the new one.
        String slot = step.equals("swap-passive") ? "passive" : "active";
        String version = step.equals("swap-active") ? "2.0" : "1.0";
        InstallState state = assertConsistent(disk, "halted after " + step);
        assertEquals(version, versionOf(slot.equals("active") ? state.active() : state.passive()), state::toString);
        assertEquals(!step.equals("swap-passive"), names(disk, "state", "/cOS").contains("active.img"));
        assertWorkingIfBooted(step, slot, version, disk, SYSTEM_STEPS.indexOf(step) % 2 == 0, "halted-after-" + step);

        cli(upgrade.toArray(String[]::new));
        KilledRun.assertMountDirGone(child);
        InstallState done = assertConsistent(disk, "rerun after " + step);
        assertEquals("2.0", versionOf(done.active()), done::toString);
        assertEquals(step.equals("swap-active") ? "2.0" : "1.0", versionOf(done.passive()),
                "the rerun upgraded from what was active then: " + done);
        if (step.equals("swap-passive")) {
            // The rerun skipped the rename that had happened and made transition.img active.img.
            assertWorkingIfBooted(step, "active", "2.0", disk, true, "rerun-after-swap-passive");
        }
        Files.delete(disk.gpt().image());
    }

    @Test
    void aRecoveryUpgradeHaltedAfterAnyStepLeavesRecoveryBootingAndEachRerunBootsTheNewRecovery() throws Exception {
        OfflineDisk disk = copy("recovery");
        Path image = disk.gpt().image();
        String active = sha256(disk, "active.img");
        String passive = sha256(disk, "passive.img");
        // swap-recovery first: each later boot shows the recovery the previous rerun wrote.
        List<String> steps = RECOVERY_STEPS;
        String current = "1.0";
        for (int round = 0; round < steps.size(); round++) {
            String step = steps.get(round);
            String next = current.equals("2.0") ? "3.0" : "2.0";
            List<String> upgrade = List.of("upgrade", "--recovery", "--target", image.toString(), "--as-booted", "active",
                    "--source", DemoImage.tree(next).toString());
            long child = KilledRun.stoppedAfter(image, temp.resolve("recovery-" + step + ".out"), step, upgrade);

            String expected = step.equals("swap-recovery") ? next : current;
            String when = "recovery upgrade " + current + " -> " + next + " halted after " + step;
            assertRecoveryConsistent(disk, when, expected, active, passive);
            if (step.equals("swap-recovery") || RECOVERY_SAMPLE.boots(step)) {
                cli("bootentry", "--target", image.toString(), "--select", "recovery", "--once");
                assertWorking("recovery", expected, boot(disk, round % 2 == 0, "recovery-halted-after-" + step));
            } else {
                System.out.println("recovery-halted-after-" + step + ": not booted this run (seed " + SAMPLE.seed()
                        + "), checked offline: " + when);
            }

            cli(upgrade.toArray(String[]::new));
            KilledRun.assertMountDirGone(child);
            assertRecoveryConsistent(disk, when + ", rerun", next, active, passive);
            current = next;
        }
        cli("bootentry", "--target", image.toString(), "--select", "recovery", "--once");
        assertWorking("recovery", current, boot(disk, true, "recovery-last-rerun"));
        Files.delete(image);
    }

    @AfterEach
    void removeMountDirsOfKilledRuns() {
        // Each rerun removes them (MountBases); this also covers a test that failed before its rerun.
        MountBases.removeStale(MountBases.RUN_DIR, pid -> ProcessHandle.of(pid).isPresent());
    }

    /** A sparse copy of the installed disk, with a work directory for OfflineDisk. */
    private OfflineDisk copy(String name) throws IOException {
        Path image = temp.resolve(name + ".img");
        Tools.run("cp", "--sparse=always", installed.toString(), image.toString());
        return new OfflineDisk(image, Files.createDirectories(temp.resolve(name + "-work")));
    }

    /**
     * A sampled stop point boots (as {@link #boot}); another has the proof of an earlier boot of the same
     * bytes if there is one, else only the offline checks its test made.
     */
    private void assertWorkingIfBooted(String step, String slot, String version, OfflineDisk disk, boolean uefi,
                                       String name) {
        if (SAMPLE.boots(step)) {
            assertWorking(slot, version, boot(disk, uefi, name));
        } else {
            boots.alreadyBooted(disk.gpt(), uefi, name).ifPresentOrElse(p -> assertWorking(slot, version, p.result()),
                    () -> System.out.println(name + ": not booted this run (seed " + SAMPLE.seed() + "), checked offline"));
        }
    }

    /** Boots the disk, unless the same bytes were booted on that firmware already (then that boot's result). */
    private Qemu.Result boot(OfflineDisk disk, boolean uefi, String name) {
        return boots.boot(disk.gpt(), uefi, name).result();
    }

    /** Booted exactly this slot and version, to the end, and the system sees COS_PERSISTENT's files (not in recovery). */
    private static void assertWorking(String slot, String version, Qemu.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exit(), "the guest powered off: " + result);
        assertEquals(List.of("COS-BOOTED slot=" + slot + " version=" + version), Qemu.bootedLines(result.serial()),
                result::toString);
        if (!slot.equals("recovery")) {  // recovery does not mount COS_PERSISTENT on /usr/local
            List<String> usrLocal = Qemu.linesStartingWith(result.serial(), "COS-LS /usr/local ").stream()
                    .flatMap(line -> Arrays.stream(line.split("\\s+"))).toList();
            assertTrue(usrLocal.contains(MARKER), "the booted system sees COS_PERSISTENT: " + result);
        }
    }

    /**
     * Offline: COS_STATE is clean, both state.yaml copies parse and are the same, the state.yaml
     * records describe active.img and passive.img (version, label), and COS_PERSISTENT is unchanged.
     */
    private InstallState assertConsistent(OfflineDisk disk, String when) {
        Tools.run("e2fsck", "-fn", disk.gpt().extPath("state"));
        String yaml = disk.gpt().cat("state", "/state.yaml");
        InstallState state = StateYamlReader.parse(yaml, "COS_STATE");
        assertEquals(yaml, disk.gpt().cat("recovery", "/state.yaml"), when + ": COS_RECOVERY's copy is the same");
        List<String> images = names(disk, "state", "/cOS");
        assertTrue(images.contains("passive.img"), when + ": " + images);
        for (String slot : List.of("active", "passive")) {
            if (images.contains(slot + ".img")) {
                Path file = dump(disk, "state", slot + ".img");
                ImageRecord record = slot.equals("active") ? state.active() : state.passive();
                assertEquals(versionOf(record), UpgradeFixture.extVersion(file), when + ": state.yaml describes " + file);
                assertEquals("COS_" + slot.toUpperCase(java.util.Locale.ROOT), UpgradeFixture.label(file), when);
                assertEquals(record.label().orElseThrow(), UpgradeFixture.label(file), when);
            }
        }
        assertEquals(persistentBefore, disk.filesChecksum("persistent"), when + ": COS_PERSISTENT's files unchanged");
        return state;
    }

    /** Offline, for a recovery upgrade: active and passive byte-identical, the recovery image the version state.yaml says. */
    private void assertRecoveryConsistent(OfflineDisk disk, String when, String recoveryVersion, String active,
                                          String passive) {
        InstallState state = assertConsistent(disk, when);
        assertEquals(active, UpgradeFixture.sha256(dumped("state", "active.img")), when + ": active.img untouched");
        assertEquals(passive, UpgradeFixture.sha256(dumped("state", "passive.img")), when + ": passive.img untouched");
        assertEquals("1.0", versionOf(state.active()), when);
        Tools.run("e2fsck", "-fn", disk.gpt().extPath("recovery"));
        Path recovery = dump(disk, "recovery", "recovery.squashfs");
        assertEquals(recoveryVersion, UpgradeFixture.squashfsVersion(recovery), when + ": recovery.squashfs");
        assertEquals(recoveryVersion, versionOf(state.recovery()), when + ": state.yaml describes recovery.squashfs");
    }

    private String versionOf(ImageRecord record) {
        String version = versionBySource.get(record.source());
        assertTrue(version != null, "a source this test used: " + record);
        return version;
    }

    /** Where {@link #dump} puts a file (the last copy made). */
    private static Path dumped(String partition, String name) {
        return temp.resolve("dumped-" + partition + "-" + name);
    }

    private static Path dump(OfflineDisk disk, String partition, String name) {
        Path out = dumped(partition, name);
        try {
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        disk.gpt().dump(partition, "/cOS/" + name, out);
        assertTrue(Files.isRegularFile(out), partition + ":/cOS/" + name + " exists");
        return out;
    }

    private static String sha256(OfflineDisk disk, String stateImage) {
        return UpgradeFixture.sha256(dump(disk, "state", stateImage));
    }

    /** The names in a directory of an ext partition ({@code debugfs ls -p}: /inode/mode/uid/gid/name/size/). */
    private static List<String> names(OfflineDisk disk, String partition, String dir) {
        List<String> names = new ArrayList<>();
        for (String line : Tools.run("debugfs", "-R", "ls -p " + dir, disk.gpt().extPath(partition)).lines().toList()) {
            String[] fields = line.split("/", -1);
            if (fields.length >= 7) {
                names.add(fields[5]);
            }
        }
        return names;
    }

    private static void cli(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ": " + result);
    }
}
