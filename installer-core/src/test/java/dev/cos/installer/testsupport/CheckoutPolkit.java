package dev.cos.installer.testsupport;

import dev.cos.installer.process.Pkcheck;
import dev.cos.installer.process.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * polkit as this checkout's engine meets it under pkexec: the system D-Bus and polkitd running
 * ({@link PolkitServices}), the checkout's actions installed by packaging/polkit/install-dev-policy.sh
 * ({@value #ENGINE_ACTION}, and {@value #MODIFY_ACTION} unless the package's policy defines it), and
 * test rules for the user nobody. {@link #close()} removes or stops exactly what this installed or started.
 */
public final class CheckoutPolkit implements AutoCloseable {

    /** The checkout's pkexec action: runs installer-core/bin/cos-installer of this checkout. */
    public static final String ENGINE_ACTION = "dev.cos.installer.engine.checkout";
    /** What the engine asks polkit before a verb that changes the system. */
    public static final String MODIFY_ACTION = "dev.cos.installer.modify";
    public static final int NOBODY_UID = 65534;
    /** failsafe runs each module's tests in the module's directory. */
    public static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();

    private static final Path DEV_POLICY_SCRIPT = CHECKOUT.resolve("packaging/polkit/install-dev-policy.sh");
    private static final Path ACTION_FILE = Path.of("/usr/share/polkit-1/actions", ENGINE_ACTION + ".policy");
    private static final Path RULES_DIR = Path.of("/etc/polkit-1/rules.d");
    private static final Duration RELOAD_LIMIT = Duration.ofSeconds(20);

    private final PolkitServices services;
    private final boolean installedActions;

    private CheckoutPolkit(PolkitServices services, boolean installedActions) {
        this.services = services;
        this.installedActions = installedActions;
    }

    /** Starts what is not running and installs the checkout's actions when they are not there; {@code logDir} gets the daemons' output. */
    public static CheckoutPolkit start(Path logDir) throws IOException, InterruptedException {
        PolkitServices services = PolkitServices.ensureRunning(logDir);
        CheckoutPolkit polkit = new CheckoutPolkit(services, !Files.exists(ACTION_FILE));
        try {
            if (polkit.installedActions) {
                PolkitServices.Result installed = PolkitServices.run(List.of(DEV_POLICY_SCRIPT.toString()));
                if (installed.exitCode() != 0) {
                    throw new AssertionError(DEV_POLICY_SCRIPT + " failed:\n" + installed.output());
                }
            }
            // polkitd reloads actions when their directory changes: wait until it knows both.
            PolkitServices.waitFor("polkit to load " + ENGINE_ACTION + " and " + MODIFY_ACTION, RELOAD_LIMIT,
                    () -> pkaction(ENGINE_ACTION).exitCode() == 0 && pkaction(MODIFY_ACTION).exitCode() == 0);
            String engine = CHECKOUT.resolve("installer-core/bin/cos-installer").toRealPath().toString();
            String loaded = pkaction(ENGINE_ACTION).output();
            if (!loaded.contains("org.freedesktop.policykit.exec.path -> " + engine)) {
                throw new AssertionError(ACTION_FILE + " names another engine than this checkout's " + engine
                        + " (left by a test of another checkout?):\n" + loaded);
            }
            return polkit;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            polkit.close();
            throw e;
        }
    }

    /** A rule file letting nobody do {@code actions} without a password, until it is closed. */
    public Rule allowNobody(String... actions) throws IOException, InterruptedException {
        return Rule.write(RULES_DIR.resolve("10-cos-installer-test-allow.rules"), true, actions);
    }

    /** A rule file refusing nobody {@code actions}: it outranks {@link #allowNobody} (polkit asks rule files in name order). */
    public Rule refuseNobody(String... actions) throws IOException, InterruptedException {
        return Rule.write(RULES_DIR.resolve("00-cos-installer-test-refuse.rules"), false, actions);
    }

    /**
     * What polkit answers the engine for a caller running as nobody: pkcheck for this process with
     * nobody's uid, as the engine asks for the GUI's process with pkexec's {@code PKEXEC_UID} (polkitd
     * judges the user named, so a root test process stands in for the user's GUI).
     */
    public static boolean nobodyMay(String action) {
        return new Pkcheck(new ProcessCommandRunner()).check(action, ProcessHandle.current().pid(), NOBODY_UID)
                instanceof Pkcheck.Authorized;
    }

    /** A rule file this wrote; closing it deletes it and waits until polkit answers as before it. */
    public record Rule(Path file, Map<String, Boolean> before) implements AutoCloseable {

        static Rule write(Path file, boolean allow, String... actions) throws IOException, InterruptedException {
            if (Files.exists(file)) {
                throw new AssertionError("a rule from an earlier test run is still there: " + file);
            }
            Map<String, Boolean> before = new LinkedHashMap<>();
            for (String action : actions) {
                before.put(action, nobodyMay(action));
            }
            String ids = Arrays.stream(actions).map(id -> '"' + id + '"').collect(Collectors.joining(", "));
            Files.writeString(file, """
                    // Written and removed by a cos-installer test (CheckoutPolkit): %s nobody %s.
                    polkit.addRule(function(action, subject) {
                        if ([%s].indexOf(action.id) >= 0 && subject.user == "nobody") {
                            return polkit.Result.%s;
                        }
                    });
                    """.formatted(allow ? "allows" : "refuses", String.join(", ", actions), ids, allow ? "YES" : "NO"));
            Rule rule = new Rule(file, before);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                PolkitServices.waitFor("polkit to load " + file, RELOAD_LIMIT,
                        () -> before.keySet().stream().allMatch(action -> nobodyMay(action) == allow));
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                rule.close();
                throw e;
            }
            return rule;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            Files.deleteIfExists(file);
            PolkitServices.waitFor("polkit to drop " + file, RELOAD_LIMIT,
                    () -> before.entrySet().stream().allMatch(entry -> nobodyMay(entry.getKey()) == entry.getValue()));
        }
    }

    private static PolkitServices.Result pkaction(String action) {
        try {
            return PolkitServices.run(List.of("pkaction", "--action-id", action, "--verbose"));
        } catch (IOException e) {
            throw new IllegalStateException("pkaction is missing (package polkitd)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (installedActions) {
                PolkitServices.run(List.of(DEV_POLICY_SCRIPT.toString(), "--remove"));
            }
        } finally {
            services.close();
        }
    }
}
