package dev.cos.installer.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.ProcessCommandRunner;
import dev.cos.installer.process.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller "nobody" (uid 65534, which exists here) against files root made with chosen modes:
 * the kernel's answer, through the real setpriv and find (the tests run as root).
 */
class CallerAccessTest {

    @TempDir
    Path temp;

    private final CallerAccess nobody = CallerAccess.fromEnvironment(Map.of(CallerAccess.UID_VARIABLE, "65534"),
            new ProcessCommandRunner());

    @BeforeEach
    void openTheTempDirectory() throws IOException {
        chmod(temp, "rwxr-xr-x");  // JUnit makes it 0700: nobody could not even enter it
    }

    private static Path chmod(Path path, String mode) throws IOException {
        return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    private static InstallerException refused(Runnable check) {
        InstallerException e = assertThrows(InstallerException.class, check::run);
        assertEquals(ErrorCode.ACCESS_DENIED, e.code());
        return e;
    }

    @Test
    void pkexecsUidIsLookedUpByName() {
        assertEquals(Optional.of(new Caller(65534, 65534, "nobody", true)), nobody.caller());
    }

    @Test
    void withoutPkexecUidOrWithZeroTheCallerIsRootAndNothingRuns() {
        RecordingCommandRunner runner = new RecordingCommandRunner();
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(CallerAccess.UID_VARIABLE, "0"))) {
            CallerAccess root = CallerAccess.fromEnvironment(env, runner);
            assertEquals(Optional.empty(), root.caller());
            root.requireReadable(Path.of("/root/secret.tar"), "source");
            root.requireCreatableIn(Path.of("/root"), "target image file");
        }
        assertEquals(List.of(), runner.lines());
    }

    @Test
    void aFileTheCallerMayReadPasses() throws IOException {
        Path file = chmod(Files.writeString(temp.resolve("user.yaml"), "#cloud-config\n"), "rw-r--r--");
        nobody.requireReadable(file, "cloud-init file");
    }

    @Test
    void aFileUnderADirectoryTheCallerCannotEnterIsRefusedNamingUserPathAndRole() throws IOException {
        Path secret = Files.createDirectories(temp.resolve("root-only"));
        Path file = chmod(Files.writeString(secret.resolve("secret.tar"), "x"), "rw-r--r--");
        chmod(secret, "rwx------");
        InstallerException e = refused(() -> nobody.requireReadable(file, "source"));
        assertEquals("the user nobody may not read " + file + " (the source): choose a path that nobody can read,"
                + " or change its permissions", e.getMessage());
    }

    @Test
    void aFileWithoutReadPermissionIsRefused() throws IOException {
        Path file = chmod(Files.writeString(temp.resolve("user.yaml"), "x"), "rw-------");
        refused(() -> nobody.requireReadable(file, "cloud-init file"));
    }

    @Test
    void aMissingPathIsLeftToItsUserToReport() {
        nobody.requireReadable(temp.resolve("missing.yaml"), "config file");
    }

    @Test
    void anUnreadableEntryInsideASourceTreeIsNamed() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(tree.resolve("os-release"), "NAME=demo\n");
        Path shadow = chmod(Files.writeString(tree.resolve("shadow"), "root:x"), "rw-------");
        Path root = tree.getParent();
        InstallerException e = refused(() -> nobody.requireReadableTree(root, "source"));
        assertTrue(e.getMessage().startsWith("the user nobody may not read " + shadow + ", inside the source " + root + ":"),
                e.getMessage());
        chmod(shadow, "rw-r--r--");
        nobody.requireReadableTree(root, "source");
    }

    @Test
    void anImageFileNeedsReadAndWrite() throws IOException {
        Path image = chmod(Files.writeString(temp.resolve("disk.img"), "x"), "rw-r--r--");
        InstallerException e = refused(() -> nobody.requireReadWrite(image, "target image file"));
        assertTrue(e.getMessage().startsWith("the user nobody may not read and write " + image), e.getMessage());
        chmod(image, "rw-rw-rw-");
        nobody.requireReadWrite(image, "target image file");
    }

    @Test
    void aNewImageFileNeedsAWritableDirectory() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("images"));
        chmod(dir, "rwxr-xr-x");
        refused(() -> nobody.requireCreatableIn(dir, "target image file"));
        chmod(dir, "rwxrwxrwx");
        nobody.requireCreatableIn(dir, "target image file");
    }
}
