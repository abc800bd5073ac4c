package dev.cos.installer.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.installed.MountBases;
import dev.cos.installer.testsupport.BootProofs;
import dev.cos.installer.testsupport.BootSample;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.KilledRun;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.upgrade.UpgradeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resets (and recovery upgrades) cut short as a power cut would leave them, then booted under QEMU:
 * at every moment the disk boots a working system, recovery or active, never nothing, and running
 * the reset again completes it (issue 13, cos-layout section 4's guarantee).
 *
 * <p>Each stop point and each random kill works on its own sparse copy of a disk with demo 1.0
 * installed; the reset deploys 2.0. Every stop point is checked offline (what COS_STATE and
 * COS_RECOVERY hold for the system it must boot, and the rerun's result); QEMU boots one stop point
 * of each way a halted disk must boot in each run ({@link BootSample}) and every randomly killed
 * disk. A disk with the same bytes a boot reads as one already booted on the same firmware in this
 * run has that boot as its proof ({@link BootProofs}: the steps before the format change nothing a
 * boot reads). The sample and the random kill times come from a seed printed at the start
 * (-Dcos.test.seed=N repeats a run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetInterruptionBootIT {

    private static final Duration ONE_BOOT = Duration.ofSeconds(150);
    private static final List<String> RESET_STEPS = List.of("mount", "lock", "verify", "space", "recovery-boot",
            "format-state", "unpack", "active", "passive", "boot-env", "bootloader", "state", "sync");
    /** From here on COS_STATE is empty until active.img is complete. */
    private static final Set<String> RECOVERY_BOOTS = Set.of("format-state", "unpack");
    private static final Set<String> NEW_SYSTEM_BOOTS = Set.of("active", "passive", "boot-env", "bootloader", "state",
            "sync");

    /** Booted in each run: one stop point of each way a halted disk boots (old system, recovery, new system). */
    private static final BootSample SAMPLE = BootSample.of("ResetInterruptionBootIT", BootSample.runSeed(), List.of(
            RESET_STEPS.subList(0, RESET_STEPS.indexOf("format-state")),
            RESET_STEPS.subList(RESET_STEPS.indexOf("format-state"), RESET_STEPS.indexOf("active")),
            RESET_STEPS.subList(RESET_STEPS.indexOf("active"), RESET_STEPS.size())), 1);

    @TempDir
    static Path temp;

    private Path installed;
    private final Random random = new Random(SAMPLE.seed());
    private BootProofs boots;

    @BeforeAll
    void installTheDemoImageOnce() throws IOException {
        boots = new BootProofs(ONE_BOOT, Files.createDirectories(temp.resolve("fingerprints")));
        installed = temp.resolve("installed.img");
        cli("install", "--target", installed.toString(), "--size", "3G", "--source", DemoImage.tree("1.0").toString());
        new OfflineDisk(installed, Files.createDirectories(temp.resolve("installed-work")))
                .setGrubenv("extra_cmdline=cos.test=poweroff");
    }

    static List<String> resetSteps() {
        return RESET_STEPS;
    }

    @ParameterizedTest(name = "reset halted after {0}")
    @MethodSource("resetSteps")
    void aResetHaltedAfterAnyStepBootsRecoveryOrActiveAndARerunCompletesIt(String step) throws Exception {
        OfflineDisk disk = copy("reset-" + step);
        long child = KilledRun.stoppedAfter(disk.gpt().image(), temp.resolve("reset-" + step + ".out"), step, reset(disk));

        String expected = RECOVERY_BOOTS.contains(step) ? "COS-BOOTED slot=recovery version=1.0"
                : NEW_SYSTEM_BOOTS.contains(step) ? "COS-BOOTED slot=active version=2.0"
                : "COS-BOOTED slot=active version=1.0";
        int index = RESET_STEPS.indexOf(step);
        assertHolds(disk, expected, "halted after " + step);
        if (SAMPLE.boots(step)) {
            assertBoots(disk, expected, index % 2 == 0, "reset-halted-after-" + step);
        } else {
            boots.alreadyBooted(disk.gpt(), index % 2 == 0, "reset-halted-after-" + step).ifPresentOrElse(
                    p -> assertEquals(expected, p.bootedLine(), "reset-halted-after-" + step),
                    () -> System.out.println("reset-halted-after-" + step + ": not booted this run (seed " + SAMPLE.seed()
                            + "), checked offline"));
        }
        if (step.equals("format-state") && SAMPLE.boots(step)) {
            // The moment the old menu is gone: proven on the other firmware too.
            assertBoots(disk, expected, index % 2 != 0, "reset-halted-after-" + step + "-other-firmware");
        }

        cli(reset(disk).toArray(String[]::new));
        KilledRun.assertMountDirGone(child);
        assertResetDone(disk, "rerun after " + step);
        if (step.equals("format-state") && SAMPLE.boots(step)) {
            // A rerun's result is a plain reset (booted by the app's RecoveryBootIT): booted here once.
            assertBoots(disk, "COS-BOOTED slot=active version=2.0", true, "reset-rerun-after-" + step);
        }
        Files.delete(disk.gpt().image());
    }

    @Test
    void aResetKilledAtRandomMomentsBootsRecoveryOrActiveAndARerunCompletesIt() throws Exception {
        for (int round = 0; round < 2; round++) {
            OfflineDisk disk = copy("reset-killed-" + round);
            long delay = 2000 + random.nextInt(14000);
            Process child = KilledRun.start(temp.resolve("reset-killed-" + round + ".out"), "", reset(disk));
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            KilledRun.powerCut(child);
            KilledRun.releaseLeftovers(disk.gpt().image());
            String when = "reset killed after " + delay + " ms" + (finished ? " (it had finished)" : "");
            String line = bootedLine(disk, round % 2 == 0, "reset-killed-" + round, when);
            assertTrue(Set.of("COS-BOOTED slot=recovery version=1.0", "COS-BOOTED slot=active version=1.0",
                    "COS-BOOTED slot=active version=2.0").contains(line), when + ": " + line);

            cli(reset(disk).toArray(String[]::new));
            assertResetDone(disk, "rerun after " + when);
            Files.delete(disk.gpt().image());
        }
    }

    @Test
    void aRecoveryUpgradeKilledAtRandomMomentsBootsTheOldOrTheNewRecoveryAndARerunCompletesIt() throws Exception {
        for (int round = 0; round < 2; round++) {
            OfflineDisk disk = copy("recovery-killed-" + round);
            Path image = disk.gpt().image();
            List<String> upgrade = List.of("upgrade", "--recovery", "--target", image.toString(), "--as-booted", "active",
                    "--source", DemoImage.tree("2.0").toString());
            long delay = 2000 + random.nextInt(10000);
            Process child = KilledRun.start(temp.resolve("recovery-killed-" + round + ".out"), "", upgrade);
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            KilledRun.powerCut(child);
            KilledRun.releaseLeftovers(image);
            String when = "recovery upgrade killed after " + delay + " ms" + (finished ? " (it had finished)" : "");

            cli("bootentry", "--target", image.toString(), "--select", "recovery", "--once");
            String line = bootedLine(disk, round % 2 != 0, "recovery-killed-" + round, when);
            assertTrue(Set.of("COS-BOOTED slot=recovery version=1.0", "COS-BOOTED slot=recovery version=2.0")
                    .contains(line), when + ": " + line);

            cli(upgrade.toArray(String[]::new));
            assertEquals("2.0", UpgradeFixture.squashfsVersion(disk.copyOut("recovery", "/cOS/recovery.squashfs")),
                    "the rerun of " + when + " completed it");
            Files.delete(image);
        }
    }

    @AfterEach
    void removeMountDirsOfKilledRuns() {
        MountBases.removeStale(MountBases.RUN_DIR, pid -> ProcessHandle.of(pid).isPresent());
    }

    private static List<String> reset(OfflineDisk disk) {
        return List.of("reset", "--target", disk.gpt().image().toString(), "--as-booted", "recovery", "--source",
                DemoImage.tree("2.0").toString());
    }

    /** A completed reset, offline: 2.0 in both slots, COS_STATE clean, both state.yaml copies the same. */
    private void assertResetDone(OfflineDisk disk, String when) {
        Tools.run("e2fsck", "-fn", disk.gpt().extPath("state"));
        String state = disk.gpt().cat("state", "/state.yaml");
        assertEquals(state, disk.gpt().cat("recovery", "/state.yaml"), when + ": both copies of state.yaml");
        for (String slot : List.of("active", "passive")) {
            assertEquals("2.0", UpgradeFixture.extVersion(disk.copyOut("state", "/cOS/" + slot + ".img")), when + ": " + slot);
        }
        assertTrue(disk.gpt().cat("recovery", "/grub2/grub.cfg").contains("menuentry"), when + ": the copy GRUB falls back to");
        assertTrue(disk.gpt().cat("state", "/grub2/grub.cfg").contains("menuentry"), when + ": COS_STATE's grub.cfg");
    }

    /**
     * Offline, what the disk holds for the system it must boot: recovery (COS_STATE has no active.img
     * yet, COS_RECOVERY the old recovery image) or the slot's image of that version on COS_STATE.
     */
    private void assertHolds(OfflineDisk disk, String expectedBootedLine, String when) {
        if (expectedBootedLine.contains("slot=recovery")) {
            Path copy = temp.resolve("active-check.img");
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            disk.gpt().dump("state", "/cOS/active.img", copy);
            assertFalse(Files.exists(copy), when + ": COS_STATE holds no active.img yet, so GRUB boots recovery");
            assertEquals("1.0", UpgradeFixture.squashfsVersion(disk.copyOut("recovery", "/cOS/recovery.squashfs")), when);
        } else {
            String version = expectedBootedLine.substring(expectedBootedLine.indexOf("version=") + "version=".length());
            assertEquals(version, UpgradeFixture.extVersion(disk.copyOut("state", "/cOS/active.img")),
                    when + ": COS_STATE's active.img");
        }
    }

    private void assertBoots(OfflineDisk disk, String expected, boolean uefi, String name) {
        assertEquals(expected, bootedLine(disk, uefi, name, name), name);
    }

    private String bootedLine(OfflineDisk disk, boolean uefi, String name, String when) {
        BootProofs.Proof proof = boots.boot(disk.gpt(), uefi, name);
        assertTrue(proof.bootedLine().startsWith("COS-BOOTED "), when + ": " + proof);
        return proof.bootedLine();
    }

    private OfflineDisk copy(String name) throws IOException {
        Path image = temp.resolve(name + ".img");
        Tools.run("cp", "--sparse=always", installed.toString(), image.toString());
        return new OfflineDisk(image, Files.createDirectories(temp.resolve(name + "-work")));
    }

    private static void cli(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ": " + result);
    }
}
