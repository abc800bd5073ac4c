package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.sys.TestStop;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.KilledRun;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades killed part-way (a child {@code java -jar cos-installer.jar} process: halted right after
 * each step by the test-only {@link TestStop} variable, or SIGKILLed at a random time). After each:
 * both state.yaml copies parse and describe the images on disk, a bootable image is there (active,
 * or after the first rename passive, the system that ran), COS_PERSISTENT is untouched, and running
 * the upgrade again completes it.
 */
class UpgradeInterruptionIT {

    private static final List<String> STEPS = List.of("mount", "lock", "clean", "verify", "space", "unpack", "transition",
            "sync", "swap-passive", "swap-active");
    private static final Path JAR = Path.of("target/cos-installer.jar");

    @TempDir
    Path temp;

    private UpgradeFixture fx;
    private String persistentBefore;

    @BeforeEach
    void install() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by mvn package before failsafe runs");
        fx = new UpgradeFixture(temp);
        fx.install("1");
        Path marker = Files.writeString(temp.resolve("marker"), "user data on COS_PERSISTENT\n");
        Tools.run("debugfs", "-w", "-R", "write " + marker + " /marker", fx.disk().extPath("persistent"));
        persistentBefore = persistentChecksum();
    }

    @AfterEach
    void releaseLeftovers() {
        releaseWhatTheKilledRunLeft();
    }

    private String persistentChecksum() {
        return Tools.run("debugfs", "-R", "ls -l /", fx.disk().extPath("persistent")).replaceAll("\\s+", " ")
                + Tools.run("debugfs", "-R", "cat /marker", fx.disk().extPath("persistent")).hashCode();
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
            assertEquals(next, UpgradeFixture.extVersion(fx.dump("state", "active.img")));
            assertConsistent("random kill " + round + " (completed)", List.of(next), false);
            current = next;
        }
    }

    private Process child(String version, String stopAfter) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dcos.log.file=" + temp.resolve("child.log"), "-jar",
                JAR.toString(), "upgrade", "--target", fx.image.toString(), "--as-booted", "active", "--source",
                fx.tree(version).toString());
        builder.environment().put(TestStop.VARIABLE, stopAfter);
        builder.redirectErrorStream(true).redirectOutput(temp.resolve("child.out").toFile());
        return builder.start();
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
