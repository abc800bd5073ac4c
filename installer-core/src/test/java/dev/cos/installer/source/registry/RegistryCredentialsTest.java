package dev.cos.installer.source.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    @TempDir
    Path dir;

    private static final ImageReference IMAGE = ImageReference.parse("oci:registry.example.com:5000/cos/system:1.0");

    @Test
    void theConfigsLoginWinsOverTheFiles() throws Exception {
        Path file = authFile("auth.json", "registry.example.com:5000", "file-user", "file-pass");
        RegistryCredentials credentials = new RegistryCredentials(Map.of("registry.example.com:5000",
                new RegistryLogin("config-user", "config-pass", "config.yaml registry-auth")), List.of(file));
        assertEquals("config-user", credentials.forImage(IMAGE).orElseThrow().username());
    }

    @Test
    void theStandardFilesAreReadInOrderAndMissingOnesSkipped() throws Exception {
        Path authFile = authFile("auth.json", "registry.example.com:5000", "from-env", "p1");
        Files.createDirectories(dir.resolve("home/.docker"));
        authFile("home/.docker/config.json", "registry.example.com:5000", "from-docker", "p2");
        RegistryCredentials both = RegistryCredentials.standard(Map.of(),
                Map.of("REGISTRY_AUTH_FILE", authFile.toString(), "HOME", dir.resolve("home").toString()));
        assertEquals(new RegistryLogin("from-env", "p1", authFile + " (auths: registry.example.com:5000)"),
                both.forImage(IMAGE).orElseThrow());
        RegistryCredentials dockerOnly = RegistryCredentials.standard(Map.of(),
                Map.of("REGISTRY_AUTH_FILE", dir.resolve("missing.json").toString(), "HOME", dir.resolve("home").toString()));
        assertEquals("from-docker", dockerOnly.forImage(IMAGE).orElseThrow().username());
        assertEquals(Optional.empty(), RegistryCredentials.standard(Map.of(), Map.of("HOME", dir.toString())).forImage(IMAGE));
    }

    @Test
    void theMostSpecificKeyWins() throws Exception {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, "{\"auths\":{"
                + "\"https://registry.example.com:5000/\":{\"auth\":\"" + b64("host:p") + "\"},"
                + "\"registry.example.com:5000/cos\":{\"username\":\"namespace\",\"password\":\"p\"},"
                + "\"registry.example.com:5000/other\":{\"auth\":\"" + b64("other:p") + "\"}}}");
        RegistryCredentials credentials = new RegistryCredentials(Map.of(), List.of(file));
        assertEquals("namespace", credentials.forImage(IMAGE).orElseThrow().username());
        assertEquals("host", credentials.forImage(ImageReference.parse("oci:registry.example.com:5000/elsewhere/x"))
                .orElseThrow().username());
    }

    @Test
    void dockerHubIsFoundUnderItsLegacyKey() throws Exception {
        Path file = authFile("config.json", "https://index.docker.io/v1/", "hubuser", "hubpass");
        assertEquals("hubuser", new RegistryCredentials(Map.of(), List.of(file))
                .forImage(ImageReference.parse("docker:alpine")).orElseThrow().username());
    }

    @Test
    void aDamagedLoginSaysWhichFileAndWhatToDo() throws Exception {
        Path file = dir.resolve("auth.json");
        Files.writeString(file, "{\"auths\":{\"registry.example.com:5000\":{\"auth\":\"not base64!\"}}}");
        InstallerException e = assertThrows(InstallerException.class,
                () -> new RegistryCredentials(Map.of(), List.of(file)).forImage(IMAGE));
        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertEquals("the login for registry.example.com:5000 in " + file + " is not a base64 \"user:password\" in its"
                + " \"auth\" field: log in again (podman login, skopeo login or docker login) or fix the file", e.getMessage());
    }

    @Test
    void aLoginNeverShowsItsPassword() {
        assertFalse(new RegistryLogin("alice", "s3cret", "config").toString().contains("s3cret"));
    }

    private Path authFile(String name, String key, String user, String password) throws Exception {
        return Files.writeString(dir.resolve(name), "{\"auths\":{\"" + key + "\":{\"auth\":\"" + b64(user + ":" + password) + "\"}}}");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
