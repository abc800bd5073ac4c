package dev.cos.installer.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.install.RequiredTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The cos-installer .deb as a user gets it: unpacked with {@code dpkg-deb -x} into a scratch root,
 * then its files, modes, desktop entries, polkit policy, man page and launchers are checked, and the
 * unpacked CLI and GUI launchers are run.
 */
class PackageIT {

    private static final String ENGINE = "/usr/lib/cos-installer/bin/cos-installer";
    private static final Path ICON_SOURCES = Packages.MODULE.resolve("../icons/src/main/resources/dev/cos/installer/icons").normalize();

    @TempDir
    static Path scratch;
    static Path deb;
    static Path root;

    @BeforeAll
    static void unpack() {
        deb = Packages.deb();
        root = scratch.resolve("root");
        Run.Result unpacked = Run.run(Duration.ofMinutes(2), List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
        assertEquals(0, unpacked.exit(), unpacked::toString);
    }

    @Test
    void installsEveryFileWithItsMode() throws IOException {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put(ENGINE, "rwxr-xr-x");
        modes.put("/usr/lib/cos-installer/bin/cos-installer-gui", "rwxr-xr-x");
        modes.put("/usr/lib/cos-installer/bin/cos-installer-tray", "rwxr-xr-x");
        modes.put("/usr/lib/cos-installer/cos-installer.jar", "rw-r--r--");
        modes.put("/usr/lib/cos-installer/lib/runtime/bin/java", "rwxr-xr-x");
        modes.put("/usr/lib/cos-installer/lib/app/app.jar", "rw-r--r--");
        modes.put("/usr/lib/cos-installer/demo-image/build-demo-image.sh", "rwxr-xr-x");
        modes.put("/usr/lib/cos-installer/demo-image/initramfs-init.sh", "rwxr-xr-x");
        modes.put("/usr/lib/cos-installer/demo-image/system-init.sh", "rwxr-xr-x");
        modes.put("/usr/share/applications/dev.cos.installer.desktop", "rw-r--r--");
        modes.put("/etc/xdg/autostart/dev.cos.installer.tray.desktop", "rw-r--r--");
        modes.put("/usr/share/polkit-1/actions/dev.cos.installer.policy", "rw-r--r--");
        modes.put("/usr/share/man/man1/cos-installer.1.gz", "rw-r--r--");
        modes.put("/usr/share/doc/cos-installer/copyright", "rw-r--r--");
        for (Map.Entry<String, String> entry : modes.entrySet()) {
            Path file = installed(entry.getKey());
            assertTrue(Packages.isRegularNonLink(file), entry.getKey() + " is missing or not a regular file");
            assertEquals(entry.getValue(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)),
                    entry.getKey());
        }
        // Every entry belongs to root (built with dpkg-deb --root-owner-group).
        Run.Result listing = Run.run(Duration.ofMinutes(1), List.of("dpkg-deb", "-c", deb.toString()));
        assertEquals(0, listing.exit(), listing::toString);
        List<String> notRoot = listing.stdout().lines().filter(l -> !l.split("\\s+")[1].equals("root/root")).toList();
        assertEquals(List.of(), notRoot);
    }

    @Test
    void installsTheAppIconAtEverySizeTheIconsModuleHas() throws IOException {
        Set<Integer> sizes = new TreeSet<>();
        try (Stream<Path> sources = Files.list(ICON_SOURCES)) {
            for (Path png : sources.filter(p -> p.getFileName().toString().matches("cos-installer-\\d+\\.png")).toList()) {
                int size = Integer.parseInt(png.getFileName().toString().replaceAll("\\D", ""));
                sizes.add(size);
                Path icon = installed("/usr/share/icons/hicolor/" + size + "x" + size + "/apps/dev.cos.installer.png");
                assertTrue(Files.isRegularFile(icon), icon.toString());
                assertTrue(Arrays.equals(Files.readAllBytes(png), Files.readAllBytes(icon)), icon + " differs from " + png);
            }
        }
        assertEquals(new TreeSet<>(List.of(16, 24, 32, 48, 64, 128, 256, 512)), sizes);
        try (Stream<Path> dirs = Files.list(installed("/usr/share/icons/hicolor"))) {
            assertEquals(sizes.size(), dirs.count(), "one hicolor directory per icon size");
        }
    }

    @Test
    void putsBothLaunchersOnThePath() throws IOException {
        for (String name : List.of("cos-installer", "cos-installer-gui")) {
            Path link = installed("/usr/bin/" + name);
            assertTrue(Files.isSymbolicLink(link), link + " is a symlink");
            assertEquals(installed("/usr/lib/cos-installer/bin/" + name).toRealPath(), link.toRealPath());
        }
    }

    @Test
    void desktopEntriesValidate() throws IOException {
        Path desktop = installed("/usr/share/applications/dev.cos.installer.desktop");
        Path autostart = installed("/etc/xdg/autostart/dev.cos.installer.tray.desktop");
        for (Path entry : List.of(desktop, autostart)) {
            Run.Result validated = Run.run(Duration.ofMinutes(1), List.of("desktop-file-validate", entry.toString()));
            assertEquals(0, validated.exit(), validated::toString);
            assertEquals("", validated.stdout().strip() + validated.stderr().strip(), "desktop-file-validate warnings for " + entry);
        }
        Map<String, String> launcher = desktopEntry(desktop);
        assertEquals("cos-installer-gui", launcher.get("Exec"));
        assertEquals("dev.cos.installer", launcher.get("Icon"));
        Map<String, String> tray = desktopEntry(autostart);
        assertEquals("true", tray.get("NoDisplay"));
        // The tray starts only on an installed cOS system: the entry runs a script that checks for the
        // boot-mode sentinels and then runs cos-installer-gui --tray.
        Path trayScript = installed(tray.get("Exec"));
        assertTrue(Files.isExecutable(trayScript), trayScript.toString());
        String script = Files.readString(trayScript);
        assertTrue(script.contains("/run/cos/${mode}_mode") && script.contains("cos-installer-gui\" --tray"), script);
        Run.Result notInstalled = Run.run(Duration.ofMinutes(1), List.of(trayScript.toString()));
        assertEquals(0, notInstalled.exit(), "outside an installed cOS system the tray script exits quietly: " + notInstalled);
        assertEquals("", notInstalled.stdout() + notInstalled.stderr());
    }

    @Test
    void polkitPolicyNamesTheInstalledEngineByItsRealPath() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names polkit's DTD on freedesktop.org: never fetch it (CI may be offline).
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document policy = factory.newDocumentBuilder().parse(installed("/usr/share/polkit-1/actions/dev.cos.installer.policy").toFile());
        NodeList actions = policy.getElementsByTagName("action");
        // The engine's (pkexec) and dev.cos.installer.modify (the engine's pkcheck), docs/privileges.md.
        assertEquals(2, actions.getLength());
        Element action = (Element) actions.item(0);
        assertEquals("dev.cos.installer.engine", action.getAttribute("id"));
        assertEquals("dev.cos.installer.modify", ((Element) actions.item(1)).getAttribute("id"));
        String execPath = "";
        NodeList annotations = action.getElementsByTagName("annotate");
        for (int i = 0; i < annotations.getLength(); i++) {
            Element annotation = (Element) annotations.item(i);
            if (annotation.getAttribute("key").equals("org.freedesktop.policykit.exec.path")) {
                execPath = annotation.getTextContent().strip();
            }
        }
        assertEquals(ENGINE, execPath);
        // pkexec compares exec.path with the program's resolved path: it must be the file itself.
        assertTrue(Packages.isRegularNonLink(installed(execPath)), execPath + " is a regular file in the package");
        assertEquals(Path.of(execPath), EngineLauncher.INSTALLED_ENGINE, "the GUI starts the engine the policy names");
    }

    @Test
    void cliHelpRunsOnTheBundledRuntimeWithNoJavaOnThePath(@TempDir Path bin) throws IOException {
        // Only what the launcher script itself needs; no java anywhere on PATH.
        for (String tool : List.of("sh", "dirname", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Run.Result help = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "--help"), env -> {
            env.remove("JAVA");
            env.put("PATH", bin.toString());
        });
        assertEquals(0, help.exit(), help::toString);
        assertTrue(help.stdout().startsWith("Usage: cos-installer"), help::toString);
    }

    /**
     * The launcher takes JVM options from a file (the live ISO's /etc/cos-installer/java-options; a
     * test names another with COS_INSTALLER_JAVA_OPTIONS_FILE): comments are ignored, an unknown option
     * stops the JVM with the JVM's own message, and the JVM's warnings never reach stdout, which
     * scripts and the GUI read as JSON.
     */
    @Test
    void cliReadsJavaOptionsFromItsFileAndKeepsStdoutForItsAnswer(@TempDir Path dir) throws IOException {
        Path options = dir.resolve("java-options");
        Files.writeString(options, "# the live ISO's choice\n-XX:TieredStopAtLevel=1 -XX:+UseSerialGC  # quick start\n");
        Run.Result check = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "check", "--json"),
                env -> env.put("COS_INSTALLER_JAVA_OPTIONS_FILE", options.toString()));
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.stdout().startsWith("{") && check.stdout().strip().endsWith("}"), "stdout is the JSON answer alone: " + check);

        Files.writeString(options, "-XX:+NoSuchOptionAnywhere\n");
        Run.Result refused = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "--version"),
                env -> env.put("COS_INSTALLER_JAVA_OPTIONS_FILE", options.toString()));
        assertTrue(refused.exit() != 0 && (refused.stdout() + refused.stderr()).contains("NoSuchOptionAnywhere"),
                () -> "the options file is read: " + refused);
    }

    /**
     * The bundled runtime has every JDK module our own code uses (jdeps over the engine jar, the GUI's
     * jar and installer-core's): a module left out of jlink's list fails only when that code runs (the
     * live ISO's wizard once met java.net.http missing at "inspect").
     */
    @Test
    void theBundledRuntimeHasEveryModuleOurCodeUses() throws IOException {
        Run.Result listed = Run.run(Duration.ofMinutes(1), List.of(installed("/usr/lib/cos-installer/lib/runtime/bin/java").toString(), "--list-modules"));
        assertEquals(0, listed.exit(), listed::toString);
        Set<String> runtime = listed.stdout().lines().map(l -> l.replaceAll("@.*", "").strip()).collect(Collectors.toSet());
        Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
        Path app = installed("/usr/lib/cos-installer/lib/app");
        List<Path> jars = new ArrayList<>(List.of(installed("/usr/lib/cos-installer/cos-installer.jar"), app.resolve("app.jar")));
        try (Stream<Path> files = Files.list(app)) {
            files.filter(f -> f.getFileName().toString().startsWith("installer-core-")).forEach(jars::add);
        }
        assertEquals(3, jars.size(), jars::toString);
        for (Path jar : jars) {
            Run.Result deps = Run.run(Duration.ofMinutes(2), List.of(jdeps.toString(), "--ignore-missing-deps", "--multi-release", "17",
                    "--print-module-deps", jar.toString()));
            assertEquals(0, deps.exit(), deps::toString);
            List<String> missing = Arrays.stream(deps.lastLine().split(",")).map(String::strip).filter(m -> !runtime.contains(m)).toList();
            assertEquals(List.of(), missing, () -> jar.getFileName() + " uses modules the bundled runtime lacks (add them to build-packages.sh's modules)");
        }
    }

    @Test
    void cliHelpRunsWithJavaNamingAJdk() {
        String jdk = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run.Result help = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "--help"),
                env -> env.put("JAVA", jdk));
        assertEquals(0, help.exit(), help::toString);
        assertEquals(verbs(help.stdout()), verbs(cliHelp()), "the same CLI either way");
    }

    /** The installed engine names its version (the package's), not the "dev" of a run from classes. */
    @Test
    void theInstalledCliReportsThePackagesVersion() {
        Run.Result version = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "--version"));
        assertEquals(0, version.exit(), version::toString);
        String debVersion = Packages.deb().getFileName().toString().split("_")[1];
        assertEquals("cos-installer " + debVersion.replace('~', '-'), version.stdout().strip());
    }

    @Test
    void manPageDescribesEveryVerbTheCliLists() throws IOException {
        String page;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(installed("/usr/share/man/man1/cos-installer.1.gz")))) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> verbs = verbs(cliHelp());
        assertTrue(verbs.containsAll(List.of("disks", "plan", "install", "upgrade", "reset", "status")), verbs::toString);
        Set<String> sections = page.lines().filter(l -> l.startsWith(".SS ")).map(l -> l.substring(4).strip()).collect(Collectors.toSet());
        List<String> missing = verbs.stream().filter(v -> !sections.contains(v)).toList();
        assertEquals(List.of(), missing, "verbs missing from packaging/man/cos-installer.1: run packaging/man/generate-man-page.sh");
        assertTrue(page.startsWith(".\\\"") && page.contains(".TH COS-INSTALLER 1"), "a man(7) page");
        // Each verb's options as --help shows them (the generator copies them).
        String installHelp = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "install", "--help")).stdout();
        Matcher option = Pattern.compile("--[a-z][a-z-]+").matcher(installHelp);
        while (option.find()) {
            assertTrue(page.contains(option.group().replace("-", "\\-")) || page.contains(option.group()),
                    "man page lacks install's " + option.group());
        }
    }

    @Test
    void guiLauncherStartsJavaFxOnGtkFromTheBundledRuntime() {
        // No display here: getting as far as GTK's "Unable to open DISPLAY" proves that the launcher
        // found its runtime and class path, and that JavaFX loaded its native GTK glass.
        Run.Result gui = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer-gui").toString()), env -> {
            env.remove("DISPLAY");
            env.remove("WAYLAND_DISPLAY");
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
        });
        assertNotEquals(0, gui.exit(), gui::toString);
        assertAll(() -> assertTrue(gui.stderr().contains("com.sun.glass.ui.gtk.GtkApplication"), gui::toString),
                () -> assertTrue(gui.stderr().contains("Unable to open DISPLAY"), gui::toString),
                () -> assertFalse(gui.stderr().contains("ClassNotFoundException"), gui::toString));
    }

    @Test
    void dependsOnGtkPkexecAndEveryToolTheEngineRuns() {
        Run.Result control = Run.run(Duration.ofMinutes(1), List.of("dpkg-deb", "-f", deb.toString(), "Package", "Depends"));
        assertEquals(0, control.exit(), control::toString);
        assertTrue(control.stdout().startsWith("Package: cos-installer\n"), control.stdout());
        Set<String> depends = Arrays.stream(control.stdout().replaceFirst("(?s).*Depends:", "").split(","))
                .map(d -> d.replaceAll("\\(.*?\\)", "").strip()).collect(Collectors.toSet());
        Set<String> needed = new TreeSet<>(List.of("libgtk-3-0", "libxtst6", "pkexec", "grub-pc-bin", "grub-efi-amd64-bin", "libc6"));
        // coreutils is Essential: never a dependency.
        new RequiredTools(tool -> true).status().stream().map(RequiredTools.ToolStatus::debianPackage)
                .filter(p -> !p.equals("coreutils")).forEach(needed::add);
        List<String> missing = needed.stream().filter(p -> !depends.contains(p)).toList();
        assertEquals(List.of(), missing, "Depends: " + depends);
    }

    private static Path installed(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static String cliHelp() {
        Run.Result help = Run.run(Duration.ofMinutes(2), List.of(installed("/usr/bin/cos-installer").toString(), "--help"));
        assertEquals(0, help.exit(), help::toString);
        return help.stdout();
    }

    /** The verbs of the "Commands:" section of {@code cos-installer --help}, without help itself. */
    static List<String> verbs(String help) {
        List<String> verbs = new ArrayList<>();
        boolean inCommands = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands) {
                Matcher verb = Pattern.compile("^  ([a-z][a-z0-9-]*)\\s").matcher(line);
                if (verb.find() && !verb.group(1).equals("help")) {
                    verbs.add(verb.group(1));
                }
            }
        }
        return verbs;
    }

    private static Map<String, String> desktopEntry(Path file) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                keys.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return keys;
    }
}
