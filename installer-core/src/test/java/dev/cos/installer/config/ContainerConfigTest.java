package dev.cos.installer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.source.registry.RegistryLogin;
import dev.cos.installer.source.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container image keys of config.yaml: platform, cosign, cosign-key, registries, registry-auth. */
class ContainerConfigTest {

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(Path.of("/nonexistent-default-config-dir"));

    private InstallerConfigs load(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(tmp.resolve("config.yaml"), yaml);
        return loader.load(Optional.of(file), env);
    }

    @Test
    void everyKeyReachesTheSettings() throws IOException {
        ContainerSettings settings = load("""
                platform: linux/arm64/v8
                cosign: true
                cosign-key: /etc/cos/cosign.pub
                registries:
                  ca-file: /etc/cos/ca.pem
                  insecure: [127.0.0.1:5000, Lab.example:5001]
                registry-auth:
                  - registry: registry.example.org:5000
                    username: upgrader
                    password: s3cret
                  - registry: ghcr.io
                    auth: dXNlcjpwYTpzcw==
                """, Map.of()).global().containers().settings();

        assertEquals(new ContainerSettings(new Platform("linux", "arm64", Optional.of("v8")),
                Optional.of(Path.of("/etc/cos/cosign.pub")), Optional.of(Path.of("/etc/cos/ca.pem")),
                Set.of("127.0.0.1:5000", "lab.example:5001"),
                Map.of("registry.example.org:5000", new RegistryLogin("upgrader", "s3cret", "config.yaml registry-auth"),
                        "ghcr.io", new RegistryLogin("user", "pa:ss", "config.yaml registry-auth"))), settings);
    }

    @Test
    void defaultsAreLinuxAmd64UnverifiedHttpsOnly() throws IOException {
        assertEquals(ContainerSettings.DEFAULTS, load("reboot: false\n", Map.of()).global().containers().settings());
    }

    @Test
    void aKeyWithoutCosignTrueVerifiesNothing() throws IOException {
        ContainerSettings settings = load("cosign-key: /etc/cos/cosign.pub\n", Map.of()).global().containers().settings();

        assertFalse(settings.verifies());
    }

    @Test
    void cosignWithoutAKeySaysWhereToGiveOne() throws IOException {
        ContainerConfig config = load("cosign: true\n", Map.of()).global().containers();

        InstallerException e = assertThrows(InstallerException.class, config::settings);

        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("set cosign-key: FILE in config.yaml or give --cosign-key FILE"), e.getMessage());
    }

    @Test
    void environmentVariablesOverTheFileAsElementalNamesThem() throws IOException {
        ContainerSettings settings = load("platform: linux/arm64\n", Map.of("ELEMENTAL_PLATFORM", "linux/amd64",
                "ELEMENTAL_COSIGN", "true", "ELEMENTAL_COSIGN_KEY", "/k.pub",
                "ELEMENTAL_REGISTRIES_INSECURE", "a:1, b:2")).global().containers().settings();

        assertEquals(Platform.LINUX_AMD64, settings.platform());
        assertEquals(Optional.of(Path.of("/k.pub")), settings.cosignKey());
        assertEquals(Set.of("a:1", "b:2"), settings.insecure());
    }

    @Test
    void credentialsCannotComeFromTheEnvironment() {
        InstallerException e = assertThrows(InstallerException.class,
                () -> load("reboot: false\n", Map.of("ELEMENTAL_REGISTRY_AUTH", "x")));

        assertTrue(e.getMessage().contains("cannot be set from the environment: put it in a config file"), e.getMessage());
    }

    @Test
    void aBadPlatformNamesTheKeyAndTheForm() {
        InstallerException e = assertThrows(InstallerException.class, () -> load("platform: amd64\n", Map.of()));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().contains("platform: the platform 'amd64' is not of the form os/architecture"), e.getMessage());
    }

    @Test
    void loginProblemsNeverRepeatTheSecret() {
        for (String entry : List.of("{registry: r.example, username: u, password: s3cret, auth: czNjcmV0OnM=}",
                "{registry: r.example, password: s3cret}", "{registry: r.example, auth: s3cret!}",
                "{registry: r.example, auth: czNjcmV0}")) {
            InstallerException e = assertThrows(InstallerException.class, () -> load("registry-auth:\n  - " + entry + "\n",
                    Map.of()), entry);

            assertEquals(ErrorCode.BAD_CONFIG, e.code());
            assertTrue(e.getMessage().contains("r.example"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("czNjcmV0"), e.getMessage());
        }
    }

    @Test
    void theSettingsShowNoPassword() {
        ContainerSettings settings = new ContainerSettings(Platform.LINUX_AMD64, Optional.empty(), Optional.empty(), Set.of(),
                Map.of("r.example", new RegistryLogin("u", "s3cret", "config.yaml registry-auth")));

        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    @Test
    void aRegistryListedTwiceIsRefused() {
        InstallerException e = assertThrows(InstallerException.class, () -> load("""
                registry-auth:
                  - {registry: r.example, username: a, password: b}
                  - {registry: R.example, username: c, password: d}
                """, Map.of()));

        assertTrue(e.getMessage().contains("registry 'r.example' is listed twice in registry-auth"), e.getMessage());
    }
}
