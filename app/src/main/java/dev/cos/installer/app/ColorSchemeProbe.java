package dev.cos.installer.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the desktop for its colour scheme: {@code gsettings get org.gnome.desktop.interface color-scheme}.
 * Blocks up to the timeout: call it off the FX thread (InstallerApp.init()). Any failure (no gsettings,
 * no D-Bus session, a hang, a non-zero exit) is "unknown".
 */
public final class ColorSchemeProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ColorSchemeProbe.class);

    /** The desktop's command, as an argument list (never through a shell). */
    public static final List<String> GSETTINGS = List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");

    private final List<String> command;
    private final Duration timeout;

    public ColorSchemeProbe(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** gsettings with a 2 s timeout. */
    public static ColorSchemeProbe gsettings() {
        return new ColorSchemeProbe(GSETTINGS, Duration.ofSeconds(2));
    }

    /** @return the command's first output line, empty when it failed or did not answer in time */
    public Optional<String> read() {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.debug("cannot ask the desktop for its colour scheme: {}", e.getMessage());
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("{} did not answer within {} ms", command.get(0), timeout.toMillis());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            try (InputStream out = process.getInputStream()) {
                // Only what is already there: gsettings may have started a D-Bus daemon that inherited
                // the pipe and keeps it open, so reading to the end would wait forever (seen on the live ISO).
                String text = new String(out.readNBytes(Math.min(out.available(), 4096)), StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(text.lines().findFirst().orElse(""));
            }
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
