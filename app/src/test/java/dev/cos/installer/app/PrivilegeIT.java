package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.PolkitServices;
import dev.cos.installer.app.testsupport.PolkitServices.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privilege path, end to end: the GUI's own launcher runs as the unprivileged user {@code nobody}
 * (headless), starts the engine through pkexec, and polkit decides. Without a rule nobody gets the
 * "Not authorized" message on the window; with a test-only rule the engine runs as root and installs
 * the demo image onto a new image file. Needs root (CI runs as root): it starts the system D-Bus and
 * polkitd when they are not running and installs the checkout's polkit action, and removes or stops
 * exactly those again.
 */
class PrivilegeIT {

    private static final String ACTION = "dev.cos.installer.engine.checkout";
    private static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent();
    private static final Path DEV_POLICY_SCRIPT = CHECKOUT.resolve("packaging/polkit/install-dev-policy.sh");
    private static final Path ACTION_FILE = Path.of("/usr/share/polkit-1/actions", ACTION + ".policy");
    private static final Path TEST_RULE = Path.of("/etc/polkit-1/rules.d/00-cos-installer-privilege-it.rules");
    private static final Duration GUI_LIMIT = Duration.ofMinutes(10);

    @TempDir
    static Path temp;

    private static PolkitServices services;
    private static boolean policyInstalledHere;
    private static Path engine;
    private static Path launcher;

    @BeforeAll
    static void setUp() throws Exception {
        engine = CHECKOUT.resolve("installer-core/bin/cos-installer").toRealPath();
        assertFalse(Files.exists(TEST_RULE), "a rule from an earlier run is still there: " + TEST_RULE);
        // The GUI (as nobody) looks the engine up before pkexec runs it: the checkout must be reachable.
        assertEquals(0, PolkitServices.run(List.of("runuser", "-u", "nobody", "--", "test", "-x", engine.toString())).exitCode(),
                "user nobody cannot reach " + engine + ": run the tests from a checkout whose parent directories are world-executable");
        services = PolkitServices.ensureRunning(temp);
        if (!Files.exists(ACTION_FILE)) {
            Result installed = PolkitServices.run(List.of(DEV_POLICY_SCRIPT.toString()));
            assertEquals(0, installed.exitCode(), installed.output());
            policyInstalledHere = true;
        }
        // polkitd reloads actions when the directory changes: wait until it knows ours.
        PolkitServices.waitFor("polkit to load " + ACTION, Duration.ofSeconds(20), () -> pkaction().exitCode() == 0);
        assertTrue(pkaction().output().contains("org.freedesktop.policykit.exec.path -> " + engine), pkaction().output());
        launcher = guiCopyReadableByNobody();
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (policyInstalledHere) {
                PolkitServices.run(List.of(DEV_POLICY_SCRIPT.toString(), "--remove"));
            }
        } finally {
            if (services != null) {
                services.close();
            }
        }
    }

    @Test
    void withoutARuleTheWindowSaysNotAuthorizedAndPkexecExits127() throws Exception {
        assertFalse(nobodyIsAuthorized(), "nobody must not be authorized without the test rule");
        Path out = outputDir("refused");

        Result gui = runGuiAsNobody(out);

        assertEquals(0, gui.exitCode(), gui.output());
        String texts = Files.readString(out.resolve("texts.txt"));
        assertTrue(texts.contains(Messages.get("done.failure.title")), texts);
        assertTrue(texts.lines().anyMatch(line -> line.startsWith("Not authorized")), texts);
        String appLog = Files.readString(out.resolve("gui-app.log"));
        assertTrue(appLog.contains("engine: [pkexec, " + engine), "the GUI starts the engine through pkexec:\n" + appLog);
        assertTrue(appLog.contains("engine exited 127"), "pkexec refuses with exit code 127:\n" + appLog);
        assertFalse(Files.exists(out.resolve("cos.img")), "nothing may be written when refused");
        assertTrue(Files.size(out.resolve("texts.txt.png")) > 0);
    }

    @Test
    void withTheTestRuleTheEngineRunsAsRootAndTheInstallCompletes() throws Exception {
        Path out = outputDir("granted");
        try {
            Files.writeString(TEST_RULE, """
                    // Written and removed by PrivilegeIT (cos-installer tests): lets nobody run the checkout's engine
                    // and install with it (the engine asks polkit for dev.cos.installer.modify before the install).
                    polkit.addRule(function(action, subject) {
                        if ((action.id == "%s" || action.id == "dev.cos.installer.modify") && subject.user == "nobody") {
                            return polkit.Result.YES;
                        }
                    });
                    """.formatted(ACTION));
            Files.setPosixFilePermissions(TEST_RULE, PosixFilePermissions.fromString("rw-r--r--"));
            PolkitServices.waitFor("polkit to load the test rule", Duration.ofSeconds(20), PrivilegeIT::nobodyIsAuthorized);

            Result gui = runGuiAsNobody(out);

            assertEquals(0, gui.exitCode(), gui.output());
            String texts = Files.readString(out.resolve("texts.txt"));
            assertTrue(texts.contains(Messages.get("done.success.title")), texts);
        } finally {
            Files.deleteIfExists(TEST_RULE);
        }
        Path image = out.resolve("cos.img");
        // The engine ran as root and handed the image it created to the user who asked (PKEXEC_UID), private.
        assertEquals(65534, Files.getAttribute(image, "unix:uid"), "the new image file belongs to nobody");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        String table = PolkitServices.run(List.of("sfdisk", "-d", image.toString())).output();
        assertTrue(table.contains("label: gpt"), table);
        List<String> labels = new ArrayList<>();
        for (String line : table.lines().filter(l -> l.startsWith(image.toString())).toList()) {
            long startSector = Long.parseLong(line.replaceAll(".*start= *(\\d+),.*", "$1"));
            Result probe = PolkitServices.run(List.of("blkid", "-p", "-O", String.valueOf(startSector * 512),
                    "-s", "LABEL", "-o", "value", image.toString()));
            labels.add(probe.output().strip());
        }
        assertTrue(labels.containsAll(List.of("COS_OEM", "COS_RECOVERY", "COS_STATE", "COS_PERSISTENT")), labels.toString());
        assertTrue(Files.readString(out.resolve("gui-app.log")).contains("engine exited 0"));
    }

    private static Result pkaction() {
        try {
            return PolkitServices.run(List.of("pkaction", "--action-id", ACTION, "--verbose"));
        } catch (IOException e) {
            throw new IllegalStateException("pkaction is missing (package polkitd)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** pkcheck as nobody for its own process (exec keeps the shell's pid): 0 = authorized. */
    private static boolean nobodyIsAuthorized() {
        try {
            return PolkitServices.run(List.of("runuser", "-u", "nobody", "--", "sh", "-c",
                    "exec pkcheck --action-id \"$1\" --process $$", "sh", ACTION)).exitCode() == 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The launcher with app.jar and lib/ next to it, as in app/, plus the headless Monocle jar, in a
     * directory nobody can read (the Maven repository under /root cannot be).
     */
    private static Path guiCopyReadableByNobody() throws Exception {
        Path gui = temp.resolve("gui");
        Path lib = Files.createDirectories(gui.resolve("target/lib"));
        Files.createDirectories(gui.resolve("bin"));
        Path launcherCopy = gui.resolve("bin/cos-installer-gui");
        Files.copy(CHECKOUT.resolve("app/bin/cos-installer-gui"), launcherCopy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(CHECKOUT.resolve("app/target/app.jar"), gui.resolve("target/app.jar"));
        try (Stream<Path> jars = Files.list(CHECKOUT.resolve("app/target/lib"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        Path monocle = Path.of(Class.forName("com.sun.glass.ui.monocle.MonocleApplication")
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(monocle, lib.resolve(monocle.getFileName()));
        openToEveryone(temp, "rwxr-xr-x");
        return launcherCopy;
    }

    private static Path outputDir(String name) throws IOException {
        Path out = Files.createDirectories(temp.resolve(name));
        Path home = Files.createDirectories(out.resolve("home"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        return out;
    }

    private static void openToEveryone(Path root, String directoryMode) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) || Files.isExecutable(path) ? directoryMode : "rw-r--r--"));
            }
        }
    }

    /**
     * Runs the GUI launcher as nobody, headless, with the probe driving an install onto out/cos.img
     * and writing the window's texts to out/texts.txt; the app's own log goes to out/gui-app.log.
     */
    private static Result runGuiAsNobody(Path out) throws Exception {
        String options = String.join(" ", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "-Duser.home=" + out.resolve("home"), "-Dcos.engine=" + engine,
                "-Dcos.log.file=" + out.resolve("gui-app.log"), "-Dcos.gui.probe=" + out.resolve("texts.txt"),
                "-Dcos.gui.probe.install=" + out.resolve("cos.img"), "-Dcos.gui.probe.size-gib=8",
                "-Dcos.gui.probe.timeout-seconds=" + (GUI_LIMIT.toSeconds() - 30));
        assertFalse(options.contains("  ") || temp.toString().contains(" ") || engine.toString().contains(" "),
                "COS_GUI_JAVA_OPTS is split on spaces: paths must have none");
        Path console = out.resolve("gui-console.log");
        Process gui = new ProcessBuilder("runuser", "-u", "nobody", "--", "env", "HOME=" + out.resolve("home"),
                "COS_GUI_JAVA_OPTS=" + options, launcher.toString())
                .directory(out.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        gui.getOutputStream().close();
        if (!gui.waitFor(GUI_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            gui.descendants().forEach(ProcessHandle::destroy);
            gui.destroy();
            gui.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the GUI did not finish within " + GUI_LIMIT + ":\n" + Files.readString(console));
        }
        return new Result(gui.exitValue(), Files.readString(console, StandardCharsets.UTF_8));
    }
}
