package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.testsupport.CheckoutPolkit;
import dev.cos.installer.testsupport.PolkitServices;
import dev.cos.installer.testsupport.PolkitServices.Result;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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

    private static final String ACTION = CheckoutPolkit.ENGINE_ACTION;
    private static final Path CHECKOUT = CheckoutPolkit.CHECKOUT;
    private static final Duration GUI_LIMIT = Duration.ofMinutes(10);

    @TempDir
    static Path temp;

    private static CheckoutPolkit polkit;
    private static Path engine;
    private static Path launcher;

    @BeforeAll
    static void setUp() throws Exception {
        engine = CHECKOUT.resolve("installer-core/bin/cos-installer").toRealPath();
        // The GUI (as nobody) looks the engine up before pkexec runs it: the checkout must be reachable.
        assertEquals(0, PolkitServices.run(List.of("runuser", "-u", "nobody", "--", "test", "-x", engine.toString())).exitCode(),
                "user nobody cannot reach " + engine + ": run the tests from a checkout whose parent directories are world-executable");
        polkit = CheckoutPolkit.start(temp);
        launcher = guiCopyReadableByNobody();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (polkit != null) {
            polkit.close();
        }
    }

    @Test
    void withoutARuleTheWindowSaysNotAuthorizedAndPkexecExits127() throws Exception {
        assertFalse(CheckoutPolkit.nobodyMay(ACTION), "nobody must not be authorized without the test rule");
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
        // The engine asks polkit for dev.cos.installer.modify before the install.
        try (CheckoutPolkit.Rule allowed = polkit.allowNobody(ACTION, CheckoutPolkit.MODIFY_ACTION)) {
            Result gui = runGuiAsNobody(out);

            assertEquals(0, gui.exitCode(), gui.output());
            String texts = Files.readString(out.resolve("texts.txt"));
            assertTrue(texts.contains(Messages.get("done.success.title")), texts);
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
        writeProbeJar(lib.resolve("gui-probe.jar"));
        openToEveryone(temp, "rwxr-xr-x");
        return launcherCopy;
    }

    /**
     * The test probe (GuiProbe and its service entry) as a jar of its own: the shipped app.jar has no
     * test hook, so the copied GUI gets it the way any test installs a {@link WizardShownHook}.
     */
    private static void writeProbeJar(Path jar) throws Exception {
        Path classes = Path.of(GuiProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String service = "META-INF/services/" + WizardShownHook.class.getName();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes.resolve("dev/cos/installer/app"))) {
            List<Path> entries = new ArrayList<>(files.filter(f -> f.getFileName().toString().matches("GuiProbe(\\$.*)?\\.class"))
                    .toList());
            entries.add(classes.resolve(service));
            for (Path file : entries) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
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
