package dev.cos.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.testsupport.CheckoutPolkit;
import dev.cos.installer.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as the GUI starts it through pkexec: root, with {@code PKEXEC_UID} naming the user who
 * asked (here nobody, uid 65534). It opens only the paths that user could open, refuses a symlinked
 * image file, and gives a new image file to that user, private.
 *
 * <p>Before a verb that changes the system the engine asks the real polkit (pkcheck) whether the caller may
 * ({@value CheckoutPolkit#MODIFY_ACTION}): these tests start the system D-Bus and polkitd when they are not
 * running, install the checkout's actions and a rule that lets nobody do that action (and nothing else), and
 * remove or stop exactly those again. The engine asks for its parent process (here this test's JVM, root,
 * standing in for the GUI) with the uid of {@code PKEXEC_UID}; polkitd judges the user that uid names.
 *
 * <p>Order: polkit is asked first, before the engine looks at any path the caller named. So a caller
 * polkit refuses gets 69 (not authorized) even when a path they named is one they may not read, and a
 * caller polkit allows (after the password, when the rules ask one) gets 68 for that path. That is fine:
 * a refused caller makes the engine, running as root, look at nothing of theirs, and the password prompt
 * comes before an answer only the authorized may act on.
 */
class InstallForCallerIT {

    private static final int NOBODY = CheckoutPolkit.NOBODY_UID;
    private static final Map<String, String> AS_NOBODY = Map.of(CallerAccess.UID_VARIABLE, Integer.toString(NOBODY));

    @TempDir
    static Path daemonLogs;
    private static CheckoutPolkit polkit;
    private static CheckoutPolkit.Rule nobodyMayModify;

    @TempDir
    Path temp;

    private Path tree;
    /** A directory that belongs to nobody: they may create and write image files in it. */
    private Path theirs;

    @BeforeAll
    static void startPolkit() throws Exception {
        polkit = CheckoutPolkit.start(daemonLogs);
        nobodyMayModify = polkit.allowNobody(CheckoutPolkit.MODIFY_ACTION);
    }

    @AfterAll
    static void stopPolkit() throws Exception {
        try {
            if (nobodyMayModify != null) {
                nobodyMayModify.close();
            }
        } finally {
            if (polkit != null) {
                polkit.close();
            }
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        tree = Files.createDirectories(temp.resolve("tree/etc")).getParent();
        Files.writeString(tree.resolve("etc/os-release"), "NAME=\"Demo OS\"\nVERSION_ID=1\n");
        theirs = giveToNobody(Files.createDirectories(temp.resolve("theirs")));
    }

    private static Path giveToNobody(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        return path;
    }

    /** An existing image file of nobody's with recognisable content. */
    private Path theirImage() throws IOException {
        Path image = theirs.resolve("existing.img");
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 0x5a);
        try (var out = Files.newOutputStream(image)) {
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }
        return giveToNobody(image);
    }

    private Cli.Result asNobody(String... args) throws Exception {
        return Cli.runInChild(AS_NOBODY, temp.resolve("engine.log"), args);
    }

    @Test
    void anInstallPolkitRefusesExits69AndTheTargetIsUntouched() throws Exception {
        Path image = theirImage();
        String before = InstallIT.sha256(image);
        Cli.Result result;
        try (CheckoutPolkit.Rule refused = polkit.refuseNobody(CheckoutPolkit.MODIFY_ACTION)) {
            result = asNobody("install", "--target", image.toString(), "--yes", "--source", tree.toString());
        }
        assertEquals(69, result.exitCode(), result::toString);
        assertTrue(result.err().contains("not authorized to install"), result::toString);
        assertEquals(before, InstallIT.sha256(image), "the target is unchanged");
        InstallIT.assertNothingLeftAttached(image);
    }

    @Test
    void polkitIsAskedBeforeThePathsSoARefusedCallerGets69EvenForAPathTheyMayNotRead() throws Exception {
        Path cloud = Files.writeString(temp.resolve("root.yaml"), "#cloud-config\npassword: secret\n");
        Files.setPosixFilePermissions(cloud, PosixFilePermissions.fromString("rw-------"));
        Path image = theirs.resolve("new.img");
        Cli.Result result;
        try (CheckoutPolkit.Rule refused = polkit.refuseNobody(CheckoutPolkit.MODIFY_ACTION)) {
            result = asNobody("install", "--target", image.toString(), "--size", "6G", "--source", tree.toString(),
                    "--cloud-init", cloud.toString());
        }
        assertEquals(69, result.exitCode(), result::toString);
        assertFalse(result.err().contains("may not read"), result::toString);
        assertFalse(Files.exists(image));
    }

    @Test
    void aSourceUnderARootOnlyDirectoryIsRefusedAndTheTargetIsUntouched() throws Exception {
        Path rootOnly = Files.createDirectories(temp.resolve("root-only"));
        Path secret = Files.move(tree, rootOnly.resolve("tree"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        Path image = theirImage();
        String before = InstallIT.sha256(image);

        Cli.Result result = asNobody("install", "--target", image.toString(), "--yes", "--source", secret.toString());
        assertEquals(68, result.exitCode(), result::toString);
        assertTrue(result.err().contains("the user nobody may not read " + secret + " (the source)"), result::toString);
        assertEquals(before, InstallIT.sha256(image), "the target is unchanged");
        InstallIT.assertNothingLeftAttached(image);
    }

    @Test
    void theDemoImageTheEngineBuiltItselfNeedsNoReadingByTheCaller() throws Exception {
        Path rootOnly = Files.createDirectories(temp.resolve("engine-cache"));
        Path demo = Files.move(tree, rootOnly.resolve("demo-tree"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwx------"));
        // Stands in for build-demo-image.sh: the tree on its last stdout line.
        Path script = Files.writeString(temp.resolve("build-demo-image.sh"), "#!/bin/sh\necho " + demo + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of(CallerAccess.UID_VARIABLE, Integer.toString(NOBODY),
                dev.cos.installer.source.DemoImageBuilder.SCRIPT_ENV, script.toString());
        Path image = theirs.resolve("new.img");
        Cli.Result result = Cli.runInChild(env, temp.resolve("engine.log"), "plan", "--target", image.toString(), "--size", "8G");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("dir://" + demo), result::toString);
        assertFalse(Files.exists(image), "a plan writes nothing");
    }

    @Test
    void aCloudInitFileOnlyRootMayReadIsRefusedAndNoImageIsCreated() throws Exception {
        Path cloud = Files.writeString(temp.resolve("root.yaml"), "#cloud-config\npassword: secret\n");
        Files.setPosixFilePermissions(cloud, PosixFilePermissions.fromString("rw-------"));
        Path image = theirs.resolve("new.img");
        Cli.Result result = asNobody("install", "--target", image.toString(), "--size", "6G", "--source", tree.toString(),
                "--cloud-init", cloud.toString());
        assertEquals(68, result.exitCode(), result::toString);
        assertTrue(result.err().contains("the user nobody may not read " + cloud + " (the cloud-init file)"), result::toString);
        assertFalse(Files.exists(image));
    }

    @Test
    void aConfigFileOnlyRootMayReadIsRefused() throws Exception {
        Path config = Files.writeString(temp.resolve("config.yaml"), "install:\n  system:\n    uri: dir://" + tree + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Path image = theirs.resolve("new.img");
        Cli.Result result = asNobody("install", "--target", image.toString(), "--size", "6G", "--config", config.toString());
        assertEquals(68, result.exitCode(), result::toString);
        assertTrue(result.err().contains("the user nobody may not read " + config), result::toString);
        assertFalse(Files.exists(image));
    }

    @Test
    void aSymlinkedImageFileTargetIsRefusedAndItsFileIsUntouched() throws Exception {
        Path image = theirImage();
        Path link = giveToNobody(Files.createSymbolicLink(theirs.resolve("link.img"), image));
        String before = InstallIT.sha256(image);
        Cli.Result result = asNobody("install", "--target", link.toString(), "--yes", "--source", tree.toString());
        assertEquals(68, result.exitCode(), result::toString);
        assertTrue(result.err().contains("target " + link + " is a symbolic link"), result::toString);
        assertEquals(before, InstallIT.sha256(image));
    }

    @Test
    void anImageFileInADirectoryTheCallerMayNotWriteIsNotCreated() throws Exception {
        Path image = temp.resolve("new.img");  // temp is root's, 0755
        Cli.Result result = asNobody("install", "--target", image.toString(), "--size", "6G", "--source", tree.toString());
        assertEquals(68, result.exitCode(), result::toString);
        assertTrue(result.err().contains("the user nobody may not create files in " + temp), result::toString);
        assertFalse(Files.exists(image));
    }

    @Test
    void aNewImageFileBelongsToTheCallerWithMode0600() throws Exception {
        Path image = theirs.resolve("new.img");
        Cli.Result result = asNobody("install", "--target", image.toString(), "--size", "6G", "--source", tree.toString(),
                "--firmware", "efi", "--recovery-fs", "ext2");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(NOBODY, Files.getAttribute(image, "unix:uid"), "owner");
        assertEquals(NOBODY, Files.getAttribute(image, "unix:gid"), "group");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        assertEquals(6L << 30, Files.size(image));
        InstallIT.assertNothingLeftAttached(image);
    }
}
