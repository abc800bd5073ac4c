package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.installed.MountBases;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.KilledRun;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.StopAfterStep;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades killed part-way (a child {@code java -jar cos-installer.jar} process: halted right after
 * each step by the test-only {@link StopAfterStep} variable, or SIGKILLed at a random time). After each:
 * both state.yaml copies parse and describe the images on disk, a bootable image is there (active,
 * or after the first rename passive, the system that ran), COS_PERSISTENT is untouched, and running
 * the upgrade again completes it and removes the killed run's mount directory. Recovery upgrades
 * killed at random leave active and passive byte-identical. QEMU boots of interrupted disks:
 * {@link UpgradeInterruptionBootIT}.
 */
class UpgradeInterruptionIT {

    private static final List<String> STEPS = List.of("mount", "lock", "clean", "verify", "space", "unpack", "transition",
            "sync", "swap-passive", "swap-active");

    @TempDir
    Path temp;

    private UpgradeFixture fx;
    private String persistentBefore;

    @BeforeEach
    void install() throws IOException {
        fx = new UpgradeFixture(temp);
        fx.install("1");
        Path marker = Files.writeString(temp.resolve("marker"), "user data on COS_PERSISTENT\n");
        Tools.run("debugfs", "-w", "-R", "write " + marker + " /marker", fx.disk().extPath("persistent"));
        persistentBefore = persistentChecksum();
    }

    @AfterEach
    void releaseLeftovers() {
        releaseWhatTheKilledRunLeft();
        // Also after a failure: the empty mount dirs of the killed children (MountBases, as the next run would).
        MountBases.removeStale(MountBases.RUN_DIR, pid -> ProcessHandle.of(pid).isPresent());
    }

    private String persistentChecksum() {
        return new OfflineDisk(fx.image, temp).filesChecksum("persistent");
    }

    @Test
    void anUpgradeStoppedAfterEachStepLeavesABootableConsistentSystemAndCompletesWhenRunAgain() throws Exception {
        String current = "1";
        for (String step : STEPS) {
            String next = "s-" + step;
            Process child = child(next, step);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child stops after " + step);
            assertEquals(137, child.exitValue(), "halted after " + step + ": " + Files.readString(temp.resolve("child.out")));
            releaseWhatTheKilledRunLeft();
            assertConsistent(step, List.of(current, next));
            Cli.Result again = fx.upgrade("active", next);
            assertEquals(0, again.exitCode(), "after " + step + ": " + again);
            KilledRun.assertMountDirGone(child.pid());
            assertEquals(next, UpgradeFixture.extVersion(fx.dump("state", "active.img")), "completed after " + step);
            assertConsistent(step + " (completed)", List.of(next));
            current = next;
        }
    }

    @Test
    void anUpgradeKilledAtRandomTimesCompletesWhenRunAgain() throws Exception {
        Random random = new Random(4);
        String current = "1";
        for (int round = 0; round < 3; round++) {
            String next = "r" + round;
            Process child = child(next, "");
            Thread.sleep(1500 + random.nextInt(3500));
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            releaseWhatTheKilledRunLeft();
            // A kill between the two state.yaml writes leaves the COS_RECOVERY mirror one write behind;
            // COS_STATE's copy, written first, is the one that describes the images.
            assertConsistent("random kill " + round, List.of(current, next), true);
            Cli.Result again = fx.upgrade("active", next);
            assertEquals(0, again.exitCode(), again::toString);
            KilledRun.assertMountDirGone(child.pid());
            assertEquals(next, UpgradeFixture.extVersion(fx.dump("state", "active.img")));
            assertConsistent("random kill " + round + " (completed)", List.of(next), false);
            current = next;
        }
    }

    @Test
    void aRecoveryUpgradeKilledAtRandomTimesLeavesActiveAndPassiveAloneAndCompletesWhenRunAgain() throws Exception {
        String active = UpgradeFixture.sha256(fx.dump("state", "active.img"));
        String passive = UpgradeFixture.sha256(fx.dump("state", "passive.img"));
        Random random = new Random(7);
        String current = "1";
        for (int round = 0; round < 3; round++) {
            String next = "rec" + round;
            Process child = child(next, "", "--recovery");
            Thread.sleep(1000 + random.nextInt(3000));
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            releaseWhatTheKilledRunLeft();
            String when = "recovery upgrade killed in round " + round;
            assertRecoveryConsistent(when, List.of(current, next), active, passive);

            Cli.Result again = fx.upgrade("active", next, "--recovery");
            assertEquals(0, again.exitCode(), again::toString);
            KilledRun.assertMountDirGone(child.pid());
            assertRecoveryConsistent(when + " (completed)", List.of(next), active, passive);
            assertEquals(fx.disk().cat("state", "/state.yaml"), fx.disk().cat("recovery", "/state.yaml"),
                    "the rerun wrote both copies");
            current = next;
        }
    }

    @Test
    void aStateMirrorLeftOneWriteBehindIsCopiedFromCosStateByTheNextUpgrade() throws Exception {
        String installed = fx.disk().cat("recovery", "/state.yaml");
        Process child = child("m", "swap-passive");
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        releaseWhatTheKilledRunLeft();
        assertEquals(137, child.exitValue(), Files.readString(temp.resolve("child.out")));
        // What a kill between swap-passive's two state.yaml writes leaves: COS_RECOVERY still has the old one.
        Path old = Files.writeString(temp.resolve("old-state.yaml"), installed);
        OfflineDisk disk = new OfflineDisk(fx.image, temp);
        disk.replace("recovery", "/state.yaml", old);
        String authoritative = fx.disk().cat("state", "/state.yaml");
        assertTrue(!authoritative.equals(installed), "swap-passive rewrote COS_STATE's copy");

        Process again = child("m", "clean");
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(137, again.exitValue(), Files.readString(temp.resolve("child.out")));
        releaseWhatTheKilledRunLeft();
        assertEquals(authoritative, fx.disk().cat("recovery", "/state.yaml"), "clean copied COS_STATE's state.yaml over the mirror");
        assertEquals(authoritative, fx.disk().cat("state", "/state.yaml"), "COS_STATE's copy unchanged");

        Cli.Result done = fx.upgrade("active", "m");
        assertEquals(0, done.exitCode(), done::toString);
        assertConsistent("completed", List.of("m"));
    }

    /**
     * After a recovery upgrade was killed: active.img and passive.img byte-identical, COS_STATE's
     * state.yaml describes the recovery image on disk (one of {@code allowed}), COS_PERSISTENT unchanged.
     */
    private void assertRecoveryConsistent(String when, List<String> allowed, String active, String passive) {
        assertConsistent(when, List.of("1"), true);
        assertEquals(active, UpgradeFixture.sha256(fx.dump("state", "active.img")), when + ": active.img untouched");
        assertEquals(passive, UpgradeFixture.sha256(fx.dump("state", "passive.img")), when + ": passive.img untouched");
        Tools.run("e2fsck", "-fn", fx.disk().extPath("recovery"));
        InstallState state = StateYamlReader.parse(fx.disk().cat("state", "/state.yaml"), "COS_STATE");
        String version = UpgradeFixture.squashfsVersion(fx.dump("recovery", "recovery.squashfs"));
        assertTrue(allowed.contains(version), when + ": recovery holds " + version);
        assertEquals(versionOf(state.recovery().source()), version, when + ": state.yaml describes recovery.squashfs");
    }

    private Process child(String version, String stopAfter, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("upgrade", "--target", fx.image.toString(), "--as-booted", "active",
                "--source", fx.tree(version).toString()));
        args.addAll(List.of(more));
        return KilledRun.start(temp.resolve("child.out"), stopAfter, args);
    }

    private void releaseWhatTheKilledRunLeft() {
        KilledRun.releaseLeftovers(fx.image);
        fx.assertNothingLeftAttached();
    }

    private void assertConsistent(String when, List<String> allowed) {
        assertConsistent(when, allowed, false);
    }

    private void assertConsistent(String when, List<String> allowed, boolean mirrorMayLag) {
        Tools.run("e2fsck", "-fn", fx.disk().extPath("state"));
        InstallState state = StateYamlReader.parse(fx.disk().cat("state", "/state.yaml"), "COS_STATE");
        InstallState copy = StateYamlReader.parse(fx.disk().cat("recovery", "/state.yaml"), "COS_RECOVERY");
        if (!mirrorMayLag) {
            assertEquals(state.active(), copy.active(), when + ": both copies agree");
            assertEquals(state.passive(), copy.passive(), when);
        }
        boolean activePresent = fx.exists("state", "active.img");
        if (activePresent) {
            String version = UpgradeFixture.extVersion(fx.dump("state", "active.img"));
            assertTrue(allowed.contains(version), when + ": active holds " + version);
            assertEquals(versionOf(state.active().source()), version, when + ": state.yaml describes active.img");
        }
        Path passive = fx.dump("state", "passive.img");
        Tools.run("e2fsck", "-fn", passive.toString());
        assertEquals(versionOf(state.passive().source()), UpgradeFixture.extVersion(passive),
                when + ": state.yaml describes passive.img");
        if (!activePresent) {
            assertEquals("COS_PASSIVE", UpgradeFixture.label(passive), when + ": GRUB's fallback finds passive");
            assertTrue(allowed.contains(UpgradeFixture.extVersion(passive)), when + ": passive is the system that ran");
        }
        assertEquals(persistentBefore, persistentChecksum(), when + ": COS_PERSISTENT untouched");
    }

    private static String versionOf(String source) {
        return source.substring(source.lastIndexOf("tree-") + "tree-".length());
    }
}
