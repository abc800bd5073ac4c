package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.engine.FakeSessionEngine;
import dev.cos.installer.testsupport.Daemons;
import dev.cos.installer.app.testsupport.XDisplay;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray icon for real: Xvfb, a real tray host (trayer for XEmbed, gtk-sni-tray-standalone for
 * StatusNotifier on a session bus of the test's own), and the {@code --tray} face in a JVM of its own
 * with the real GTK glass ({@link TrayIconHarness}) over an engine script that answers from captured
 * fixtures. Each test screenshots the screen (target/screenshots/tray-*.png) and finds the state's
 * icon colour in the tray's strip, follows it through state changes, and reads the tooltip back from
 * the implementation.
 */
class TrayIconIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Trayer's panel and the SNI bar: the top of the screen. */
    private static final int STRIP_HEIGHT_PX = 40;

    @TempDir
    Path dir;

    @Test
    void dorkboxShowsEveryStateInAnXembedTray() throws Exception {
        try (Daemons daemons = new Daemons()) {
            XDisplay x = XDisplay.start(daemons, 800, 600, dir.resolve("xvfb.log"));
            Map<String, String> env = desktop(daemons, x);
            startTrayer(daemons, x, env);
            Harness app = Harness.start(daemons, dir, engine(), env, "auto");
            assertEquals("dorkbox Gtk", app.awaitIcon(), () -> "an XEmbed tray without a StatusNotifier watcher; log: " + app.tail());

            BufferedImage upToDate = awaitState(app, x, TrayState.UP_TO_DATE, Messages.get("tray.tooltip.ok", "1.0"),
                    "xembed-up-to-date", null);
            release("inspect-go");
            BufferedImage update = awaitState(app, x, TrayState.UPDATE_AVAILABLE,
                    Messages.get("tray.tooltip.update", "2.0", "1.0"), "xembed-update-available", upToDate);
            assertTrue(count(update, TrayState.UP_TO_DATE) < 10, "the up-to-date icon is gone");
            app.send("upgrade");
            // Same blue as "update available": the shape differs, so the strip must change.
            BufferedImage upgrading = awaitState(app, x, TrayState.UPGRADING, Messages.get("tray.tooltip.upgrading", 42),
                    "xembed-upgrading", update);
            release("upgrade-go");
            BufferedImage restart = awaitState(app, x, TrayState.RESTART_NEEDED, Messages.get("tray.tooltip.restart", "2.0", "1.0"),
                    "xembed-restart-needed", upgrading);
            assertTrue(count(restart, TrayState.UPDATE_AVAILABLE) < 10, "the blue icon is gone: " + count(restart, TrayState.UPDATE_AVAILABLE));
        }
    }

    @Test
    void theAwtFallbackShowsTheStateInAnXembedTray() throws Exception {
        try (Daemons daemons = new Daemons()) {
            XDisplay x = XDisplay.start(daemons, 800, 600, dir.resolve("xvfb.log"));
            Map<String, String> env = desktop(daemons, x);
            startTrayer(daemons, x, env);
            Harness app = Harness.start(daemons, dir, engine(), env, "awt");
            assertEquals("awt", app.awaitIcon());
            BufferedImage upToDate = awaitState(app, x, TrayState.UP_TO_DATE, Messages.get("tray.tooltip.ok", "1.0"),
                    "awt-up-to-date", null);
            release("inspect-go");
            awaitState(app, x, TrayState.UPDATE_AVAILABLE, Messages.get("tray.tooltip.update", "2.0", "1.0"),
                    "awt-update-available", upToDate);
        }
    }

    @Test
    void dorkboxShowsAStatusNotifierItem() throws Exception {
        try (Daemons daemons = new Daemons()) {
            XDisplay x = XDisplay.start(daemons, 800, 600, dir.resolve("xvfb.log"));
            Map<String, String> env = desktop(daemons, x);
            // gtk-sni-tray-standalone 0.1.8 keeps only the bus name of an item that registers after its host
            // started, and then looks at the wrong object path; a host that starts after the item finds it.
            // So: one instance provides the watcher (its bar at the bottom, not looked at), the item registers,
            // then a second instance shows it at the top.
            daemons.start(List.of("gtk-sni-tray-standalone", "--watcher", "--bottom", "--size", "32"), env,
                    dir.resolve("sni-watcher.log"));
            awaitTrue(() -> gdbus(env, dev.cos.installer.app.session.TrayHostProbe.WATCHER_QUERY).startsWith("(true"),
                    "gtk-sni-tray-standalone's StatusNotifierWatcher on the bus");
            Harness app = Harness.start(daemons, dir, engine(), env, "auto");
            assertEquals("dorkbox AppIndicator", app.awaitIcon(), () -> "a StatusNotifier watcher is on the session bus; log: " + app.tail());
            app.awaitShown(TrayState.UP_TO_DATE);
            awaitTrue(() -> gdbus(env, REGISTERED_ITEMS).contains("':1."), "the item registered with the watcher");
            daemons.start(List.of("gtk-sni-tray-standalone", "--top", "--end", "--size", "32", "-c", "white"), env,
                    dir.resolve("sni-tray.log"));
            BufferedImage upToDate = awaitState(app, x, TrayState.UP_TO_DATE, Messages.get("tray.tooltip.ok", "1.0"),
                    "sni-up-to-date", null);
            release("inspect-go");
            awaitState(app, x, TrayState.UPDATE_AVAILABLE, Messages.get("tray.tooltip.update", "2.0", "1.0"),
                    "sni-update-available", upToDate);
        }
    }

    @Test
    void withoutATrayTheStatusWindowIsTheFace() throws Exception {
        try (Daemons daemons = new Daemons()) {
            XDisplay x = XDisplay.start(daemons, 1024, 800, dir.resolve("xvfb.log"));
            Map<String, String> env = desktop(daemons, x);
            Harness app = Harness.start(daemons, dir, engine(), env, "auto");
            assertEquals("window", app.awaitIcon());
            Shown shown = app.awaitShown(TrayState.UP_TO_DATE);
            assertEquals(Messages.get("tray.tooltip.ok", "1.0"), shown.tooltip(), "the window's title is the tooltip");
            BufferedImage[] screen = new BufferedImage[1];
            try {
                // The window's text and controls: pixels neither black (no window) nor white (its background).
                awaitTrue(() -> {
                    screen[0] = x.screenshot();
                    return greys(screen[0]) > 2000;
                }, "the status window, drawn");
            } finally {
                if (screen[0] != null) {
                    save(screen[0], "window-up-to-date");
                }
            }
        }
    }

    // --- the desktop ---

    /** DISPLAY and a session bus of this test's own (so no desktop's StatusNotifier watcher is seen). */
    private Map<String, String> desktop(Daemons daemons, XDisplay x) throws IOException {
        Process bus = daemons.start(new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(dir.resolve("dbus.log").toFile()), Map.of());
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(address != null && address.startsWith("unix:"), "dbus-daemon printed its address: " + address);
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", x.name());
        env.put("DBUS_SESSION_BUS_ADDRESS", address);
        env.put("WAYLAND_DISPLAY", null);
        env.put("XDG_CURRENT_DESKTOP", null);
        env.put("COS_TRAY", null);
        return env;
    }

    /**
     * Starts trayer and waits for its panel (top right). Trayer is a fixture, not the product: when it dies
     * before its panel shows (one CI run saw no panel within 90 s, cause unrecorded), it is started once more;
     * a failure reports trayer's exit and log, and leaves the screen in target/screenshots.
     */
    private void startTrayer(Daemons daemons, XDisplay x, Map<String, String> env) throws Exception {
        Path log = dir.resolve("trayer.log");
        for (int attempt = 1; ; attempt++) {
            Process trayer = daemons.start(List.of("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel",
                    "--width", "200", "--heighttype", "pixel", "--height", "32", "--SetDockType", "true",
                    "--transparent", "false"), env, log);
            BufferedImage screen = null;
            // awaitTrue's loop, but it must also stop when trayer exits.
            Instant end = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(end) && trayer.isAlive()) {
                screen = x.screenshot();
                if ((screen.getRGB(700, 10) & 0xffffff) != 0) {
                    return;
                }
                Thread.sleep(250);
            }
            if (screen != null) {
                save(screen, "trayer-attempt-" + attempt);
            }
            String how = trayer.isAlive() ? "still running" : "exited with " + trayer.exitValue();
            if (trayer.isAlive() || attempt == 2) {
                throw new AssertionError("trayer's panel not on the screen (attempt " + attempt + ", trayer " + how
                        + "); trayer's log: " + Files.readString(log));
            }
            System.err.println("trayer " + how + " before its panel showed; starting it again. Its log: " + Files.readString(log));
        }
    }

    private static final List<String> REGISTERED_ITEMS = List.of("gdbus", "call", "--session", "--dest",
            "org.kde.StatusNotifierWatcher", "--object-path", "/StatusNotifierWatcher", "--method",
            "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems");

    /** What {@code gdbus} answers on the test's session bus ("" when it fails). */
    private static String gdbus(Map<String, String> env, List<String> call) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(call).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", env.get("DBUS_SESSION_BUS_ADDRESS"));
        Process gdbus = builder.start();
        String out;
        try (InputStream in = gdbus.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return gdbus.waitFor(10, TimeUnit.SECONDS) && gdbus.exitValue() == 0 ? out.strip() : "";
    }

    // --- the engine: a script answering from fixtures, holding inspect and upgrade until released ---

    private Path engine() throws IOException {
        Path fixtures = Path.of("src/test/resources/fixtures/tray");
        Files.copy(fixtures.resolve("status-rolledback-configured.json"), dir.resolve("status.json"));
        Files.copy(fixtures.resolve("inspect-2.0.jsonl"), dir.resolve("inspect.jsonl"));
        // What status reads from the disk once the upgrade is done: 2.0 installed, 1.0 running.
        Files.copy(fixtures.resolve("status-upgraded-restart.json"), dir.resolve("status-upgraded.json"));
        List<String> upgrade = Files.readAllLines(fixtures.resolve("upgrade-2.0.jsonl"));
        Files.write(dir.resolve("upgrade-start.jsonl"), List.of(upgrade.get(0), upgrade.get(1),
                "{\"event\":\"progress\",\"time\":\"2026-11-26T04:29:53Z\",\"step\":\"mount\",\"fraction\":0.42,\"stepFraction\":1.0}"));
        Files.write(dir.resolve("upgrade-end.jsonl"), List.of(upgrade.get(upgrade.size() - 1)));
        // The per-call script of a stand-in engine session (cos-installer serve): $0 is dir/fake-call.
        return FakeSessionEngine.program(dir, String.join("\n",
                "dir=$(dirname \"$0\")",
                "case \"$1\" in",
                "status) cat \"$dir/status.json\" ;;",
                "inspect) while [ ! -e \"$dir/inspect-go\" ]; do sleep 0.1; done; cat \"$dir/inspect.jsonl\" ;;",
                "upgrade) cat \"$dir/upgrade-start.jsonl\"; while [ ! -e \"$dir/upgrade-go\" ]; do sleep 0.1; done;"
                        + " cp \"$dir/status-upgraded.json\" \"$dir/status.json\"; cat \"$dir/upgrade-end.jsonl\" ;;",
                "*) echo \"test engine: no verb $1\" >&2; exit 2 ;;",
                "esac", ""));
    }

    private void release(String name) throws IOException {
        Files.createFile(dir.resolve(name));
    }

    // --- the checks ---

    /**
     * Waits until the app says it shows {@code state} with {@code tooltip}, and the screen's tray strip
     * holds the state's icon colour (and differs from {@code before}'s strip, when given); saves it.
     */
    private BufferedImage awaitState(Harness app, XDisplay x, TrayState state, String tooltip, String name,
            BufferedImage before) throws Exception {
        // The state may show before its final text (upgrading 0% before 42%): wait for both.
        Shown shown = app.awaitShown(state, tooltip);
        assertEquals(tooltip, shown.tooltip(), "the tooltip " + shown.kind() + " holds");
        BufferedImage[] last = new BufferedImage[1];
        try {
            awaitTrue(() -> {
                last[0] = x.screenshot();
                return count(last[0], state) >= 40 && (before == null || stripDiffers(before, last[0]) >= 20);
            }, state + "'s icon in the tray");
        } finally {
            if (last[0] != null) {
                save(last[0], name);
            }
        }
        return last[0];
    }

    /** Pixels in the tray strip near the main colour of {@code state}'s icon. */
    static int count(BufferedImage screen, TrayState state) {
        int colour = mainColour(state);
        int n = 0;
        for (int y = 0; y < STRIP_HEIGHT_PX; y++) {
            for (int x = 0; x < screen.getWidth(); x++) {
                int p = screen.getRGB(x, y);
                int distance = Math.abs((p >> 16 & 0xff) - (colour >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (colour >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (colour & 0xff));
                n += distance <= 40 ? 1 : 0;
            }
        }
        return n;
    }

    private static int greys(BufferedImage screen) {
        int n = 0;
        for (int y = 0; y < screen.getHeight(); y++) {
            for (int x = 0; x < screen.getWidth(); x++) {
                int p = screen.getRGB(x, y) & 0xffffff;
                n += p != 0 && p != 0xffffff ? 1 : 0;
            }
        }
        return n;
    }

    private static int stripDiffers(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < STRIP_HEIGHT_PX; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    /** The most frequent opaque colour of the state's 24 px icon (green, blue, amber, red). */
    static int mainColour(TrayState state) {
        String resource = "/dev/cos/installer/icons/tray-" + state.icon() + "-24.png";
        try (InputStream in = TrayIconIT.class.getResourceAsStream(resource)) {
            BufferedImage icon = ImageIO.read(in);
            Map<Integer, Integer> counts = new HashMap<>();
            for (int y = 0; y < icon.getHeight(); y++) {
                for (int x = 0; x < icon.getWidth(); x++) {
                    int p = icon.getRGB(x, y);
                    if (p >>> 24 == 255 && (p & 0xffffff) != 0xffffff) {
                        counts.merge(p & 0xffffff, 1, Integer::sum);
                    }
                }
            }
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void save(BufferedImage screen, String name) throws IOException {
        Path out = Path.of(System.getProperty("screenshot.dir", "target/screenshots")).resolve("tray-" + name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(screen, "png", out.toFile());
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        Instant end = Instant.now().plus(WAIT);
        while (!check.holds()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not seen within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(250);
        }
    }

    // --- the app in its own JVM ---

    /** What {@code query} answered. */
    record Shown(String kind, String state, String tooltip, String modelState) {}

    /** The TrayIconHarness process: commands on its stdin, answers on its stdout. */
    static final class Harness {
        private final Process process;
        private final OutputStream commands;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Path log;

        private Harness(Process process, Path log) {
            this.process = process;
            this.commands = process.getOutputStream();
            this.log = log;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("ERROR " + e);
                }
            }, "harness-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Harness start(Daemons daemons, Path dir, Path engine, Map<String, String> env, String preference)
                throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = dir.resolve("gui.log");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    "-Dcos.engine=" + engine, "-Dcos.log.file=" + log, "-Dcos.log.console=INFO", "-Dcos.tray=" + preference,
                    TrayIconHarness.class.getName())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("gui-stderr.log").toFile()));
            return new Harness(daemons.start(builder, env), log);
        }

        void send(String command) throws IOException {
            commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        }

        /** The host's kind, once the app has chosen it. */
        String awaitIcon() throws Exception {
            Instant end = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(end) && process.isAlive()) {
                String line = lines.poll(250, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("ICON ")) {
                    return line.substring(5);
                }
            }
            throw new AssertionError("the app chose no tray icon host (alive: " + process.isAlive() + "); log: " + tail());
        }

        /** Asks until the host shows {@code state}. */
        Shown awaitShown(TrayState state) throws Exception {
            return awaitShown(state, "");
        }

        /** Asks until the host shows {@code state} with {@code tooltip} (any tooltip when blank). */
        Shown awaitShown(TrayState state, String tooltip) throws Exception {
            Instant end = Instant.now().plus(WAIT);
            String last = "";
            while (Instant.now().isBefore(end) && process.isAlive()) {
                send("query");
                String line = lines.poll(5, TimeUnit.SECONDS);
                if (line != null && line.startsWith("SHOWN ") && line.contains("|")) {
                    last = line;
                    String[] f = line.substring(6).split("\\|", -1);
                    if (f[1].equals(state.name()) && f[3].equals(state.name()) && (tooltip.isBlank() || f[2].equals(tooltip))) {
                        return new Shown(f[0], f[1], f[2], f[3]);
                    }
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the icon never showed " + state + " " + tooltip + "; last answer: " + last + "; log: " + tail());
        }

        String tail() {
            try {
                List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
                return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
            } catch (IOException e) {
                return e.toString();
            }
        }
    }
}
