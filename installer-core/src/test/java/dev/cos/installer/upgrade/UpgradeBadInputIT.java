package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to a real offline upgrade: the right exit code and message, and the system unchanged. */
class UpgradeBadInputIT {

    @TempDir
    Path temp;

    private UpgradeFixture fx;

    @BeforeEach
    void install() {
        fx = new UpgradeFixture(temp);
        fx.install("1");
    }

    /** Digests of both images and of state.yaml: what must not change when an upgrade is refused. */
    private String fingerprint() {
        return UpgradeFixture.sha256(fx.dump("state", "active.img")) + " " + UpgradeFixture.sha256(fx.dump("state", "passive.img"))
                + " " + fx.disk().cat("state", "/state.yaml").hashCode();
    }

    private static void assertRefused(Cli.Result result, ErrorCode code, String... parts) {
        assertEquals(code.exitCode(), result.exitCode(), result::toString);
        for (String part : parts) {
            assertTrue(result.err().contains(part), "stderr names '" + part + "':\n" + result);
        }
    }

    @Test
    void notEnoughSpaceIsRefusedWithBothNumbersAndChangesNothing() {
        String before = fingerprint();
        Cli.Result result = fx.upgrade("active", "2", "--system-size", "200000");
        assertRefused(result, ErrorCode.NO_SPACE, "not enough free space on COS_STATE", " free (", "195.3 GiB needed");
        fx.assertNothingLeftAttached();
        assertEquals(before, fingerprint());
        assertFalse(fx.exists("state", "transition.img"));
    }

    @Test
    void missingAndCorruptSourcesAreRefused() throws Exception {
        String before = fingerprint();
        assertRefused(Cli.run("upgrade", "--target", fx.image.toString(), "--as-booted", "active", "--source",
                temp.resolve("missing").toString()), ErrorCode.SOURCE, "does not exist");
        Path archive = temp.resolve("v2.tar.gz");
        Tools.run("tar", "-czf", archive.toString(), "-C", fx.tree("2").toString(), ".");
        byte[] bytes = Files.readAllBytes(archive);
        Path corrupt = Files.write(temp.resolve("corrupt.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(Cli.run("upgrade", "--target", fx.image.toString(), "--as-booted", "active", "--source",
                corrupt.toString()), ErrorCode.SOURCE, corrupt.toString());
        fx.assertNothingLeftAttached();
        assertEquals(before, fingerprint());
    }

    @Test
    void aSecondUpgradeIsRefusedWhileTheFirstHoldsTheLock() throws Exception {
        String loop = Tools.run("losetup", "--find", "--show", fx.image.toString()).strip();
        Path mnt = Files.createDirectories(temp.resolve("held"));
        boolean mounted = false;
        try {
            Tools.run("partx", "--add", loop);
            Tools.run("mount", loop + "p5", mnt.toString());
            mounted = true;
            try (UpgradeLock held = UpgradeLock.acquire(mnt.resolve("cOS/" + UpgradeLock.FILE_NAME), Clock.systemUTC())) {
                Cli.Result result = Cli.run("upgrade", "--target", loop, "--as-booted", "active", "--source",
                        fx.tree("2").toString());
                assertRefused(result, ErrorCode.LOCKED, "another upgrade is running", "pid=" + ProcessHandle.current().pid());
            }
        } finally {
            if (mounted) {
                Tools.run("umount", mnt.toString());
            }
            Tools.execute("partx", "--delete", loop);
            Tools.run("losetup", "--detach", loop);
        }
        assertEquals("1", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
    }

    private void replaceStateYaml(String content) throws Exception {
        Path file = Files.writeString(temp.resolve("state.yaml"), content);
        for (String partition : new String[] {"state", "recovery"}) {
            String fs = fx.disk().extPath(partition);
            Tools.run("debugfs", "-w", "-R", "rm /state.yaml", fs);
            Tools.run("debugfs", "-w", "-R", "write " + file + " /state.yaml", fs);
        }
    }

    @Test
    void aStateYamlWithoutLabelsStillUpgradesAndGetsThemBack() throws Exception {
        replaceStateYaml("date: \"2021-06-01T10:00:00Z\"\nstate:\n  active: {source: \"oci://old/system:v1\"}\n"
                + "  passive: {source: \"oci://old/system:v0\"}\nrecovery:\n  recovery: {source: \"oci://old/recovery:v1\"}\n");
        Cli.Result result = fx.upgrade("active", "2");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("COS_STATE", fx.state("recovery").at("/state/label").asText());
        assertEquals("COS_PASSIVE", fx.state("state").at("/state/passive/label").asText());
        assertEquals("oci://old/system:v1", fx.state("state").at("/state/passive/source").asText());
        assertEquals("COS_OEM", fx.state("state").at("/oem/label").asText());
    }

    @Test
    void aGarbageStateYamlIsAClearError() throws Exception {
        replaceStateYaml("this: [is not\n  : a state file\n");
        String before = fingerprint();
        assertRefused(fx.upgrade("active", "2"), ErrorCode.STATE_FILE, "cannot read COS_STATE:/state.yaml");
        fx.assertNothingLeftAttached();
        assertEquals(before, fingerprint());
    }

    @Test
    void aStaleTransitionImageIsRemovedAndTheUpgradeCompletes() throws Exception {
        Path stale = Files.writeString(temp.resolve("stale"), "half-written transition of a killed run");
        Tools.run("debugfs", "-w", "-R", "write " + stale + " /cOS/transition.img", fx.disk().extPath("state"));
        assertTrue(fx.exists("state", "transition.img"));
        Cli.Result result = fx.upgrade("active", "2");
        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(fx.exists("state", "transition.img"));
        assertEquals("2", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
    }
}
