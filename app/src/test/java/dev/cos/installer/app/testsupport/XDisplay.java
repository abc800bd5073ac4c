package dev.cos.installer.app.testsupport;

import dev.cos.installer.testsupport.Daemons;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb X server on a display number it finds free (never :0..:9), with screenshots through
 * {@code xwd -root}. Started and stopped through the test's {@link Daemons}.
 */
public final class XDisplay {

    private static final Path SOCKETS = Path.of("/tmp/.X11-unix");

    private final String name;

    private XDisplay(String name) {
        this.name = name;
    }

    /** Starts Xvfb ({@code widthPx} x {@code heightPx}, 24 bits) and waits until it takes connections. */
    public static XDisplay start(Daemons daemons, int widthPx, int heightPx, Path log) throws IOException, InterruptedException {
        for (int number = 90 + (int) (ProcessHandle.current().pid() % 50); number < 200; number++) {
            if (Files.exists(SOCKETS.resolve("X" + number)) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                continue;
            }
            Process xvfb = daemons.start(List.of("Xvfb", ":" + number, "-screen", "0", widthPx + "x" + heightPx + "x24",
                    "-nolisten", "tcp"), Map.of(), log);
            for (int i = 0; i < 100 && xvfb.isAlive(); i++) {
                if (Files.exists(SOCKETS.resolve("X" + number))) {
                    return new XDisplay(":" + number);
                }
                Thread.sleep(100);
            }
            // Taken meanwhile by another test run, or it did not come up: try the next number.
            daemons.stop(xvfb);
        }
        throw new IllegalStateException("no free X display number between :90 and :199; see " + log);
    }

    /** ":93". */
    public String name() {
        return name;
    }

    /** The whole screen now. */
    public BufferedImage screenshot() throws IOException, InterruptedException {
        Process xwd = new ProcessBuilder("xwd", "-root", "-silent", "-display", name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dump;
        try (InputStream in = xwd.getInputStream()) {
            dump = in.readAllBytes();
        }
        if (!xwd.waitFor(30, TimeUnit.SECONDS) || xwd.exitValue() != 0) {
            xwd.destroyForcibly();
            throw new IOException("xwd -root -display " + name + " failed");
        }
        return XwdImage.parse(dump);
    }
}
