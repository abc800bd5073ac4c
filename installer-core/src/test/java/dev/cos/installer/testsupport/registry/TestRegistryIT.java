package dev.cos.installer.testsupport.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.process.CommandResult;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test registry itself, checked with skopeo only: each auth mode accepts what it should and refuses the rest. */
class TestRegistryIT {

    @TempDir
    Path dir;

    @Test
    void anonymousTlsRegistryServesWhatSkopeoPushed() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "hello");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.push(layout, "cos/demo:1.0");
            String raw = Tools.run("skopeo", "inspect", "--raw", "--cert-dir", registry.certDir().toString(),
                    "docker://" + registry.host() + "/cos/demo:1.0");
            assertEquals(registry.tagDigest("cos/demo", "1.0"), "sha256:" + sha256(raw));
            assertTrue(Files.isRegularFile(registry.blobData(registry.tagDigest("cos/demo", "1.0"))));
            // Without the CA the registry's certificate is not trusted.
            CommandResult untrusted = skopeoInspect(registry, List.of(), "cos/demo:1.0");
            assertNotEquals(0, untrusted.exitCode());
            assertTrue(untrusted.stderr().contains("certificate"), untrusted.stderr());
        }
    }

    @Test
    void htpasswdRegistryRefusesAnonymousAndWrongPasswords() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "hello");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).htpasswd("alice", "s3cret").start()) {
            registry.push(layout, "cos/demo:1.0");
            List<String> ca = List.of("--cert-dir", registry.certDir().toString());
            assertEquals(0, skopeoInspect(registry, concat(ca, "--creds", "alice:s3cret"), "cos/demo:1.0").exitCode());
            assertNotEquals(0, skopeoInspect(registry, ca, "cos/demo:1.0").exitCode());
            assertNotEquals(0, skopeoInspect(registry, concat(ca, "--creds", "alice:wrong"), "cos/demo:1.0").exitCode());
        }
    }

    @Test
    void tokenRegistryGrantsPullToAnonymousAndRefusesWrongPasswords() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "hello");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).token("bob", "t0ken", true).start()) {
            registry.push(layout, "cos/demo:1.0");
            assertTrue(registry.tokenRequests().stream().anyMatch(r -> r.account().equals(Optional.of("bob"))
                    && r.scopes().stream().anyMatch(s -> s.startsWith("repository:cos/demo:") && s.contains("push"))));
            List<String> ca = List.of("--cert-dir", registry.certDir().toString());
            assertEquals(0, skopeoInspect(registry, ca, "cos/demo:1.0").exitCode());
            assertEquals(0, skopeoInspect(registry, concat(ca, "--creds", "bob:t0ken"), "cos/demo:1.0").exitCode());
            assertNotEquals(0, skopeoInspect(registry, concat(ca, "--creds", "bob:wrong"), "cos/demo:1.0").exitCode());
            assertTrue(registry.tokenRequests().stream().anyMatch(r -> r.status() == 401));
        }
    }

    @Test
    void tokenRegistryWithoutAnonymousPullRefusesAnonymousClients() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "hello");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).token("bob", "t0ken", false).start()) {
            registry.push(layout, "cos/demo:1.0");
            List<String> ca = List.of("--cert-dir", registry.certDir().toString());
            assertNotEquals(0, skopeoInspect(registry, ca, "cos/demo:1.0").exitCode());
        }
    }

    @Test
    void plainHttpRegistryAndStop() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "hello");
        TestRegistry registry = TestRegistry.in(dir.resolve("registry")).plainHttp().start();
        try {
            registry.push(layout, "cos/demo:1.0");
            assertEquals(0, skopeoInspect(registry, List.of("--tls-verify=false"), "cos/demo:1.0").exitCode());
            registry.stop();
            assertFalse(registry.running());
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), registry.port()), 1000);
                }
            });
        } finally {
            registry.close();
        }
    }

    private static CommandResult skopeoInspect(TestRegistry registry, List<String> options, String repoTag) {
        List<String> argv = new java.util.ArrayList<>(List.of("skopeo", "inspect", "--raw", "--retry-times", "0"));
        argv.addAll(options);
        argv.add("docker://" + registry.host() + "/" + repoTag);
        return Tools.execute(argv.toArray(String[]::new));
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
