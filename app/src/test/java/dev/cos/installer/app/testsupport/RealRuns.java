package dev.cos.installer.app.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** For integration tests over the real engine: its script, running a command, and waiting on the FX state. */
public final class RealRuns {

    private RealRuns() {
    }

    /** The engine's CLI script (system property {@code cos.engine}, set by the pom's failsafe configuration). */
    public static Path engine() throws IOException {
        return Path.of(System.getProperty("cos.engine")).toRealPath();
    }

    /**
     * Runs a command (no shell) and returns its output (stdout and stderr merged).
     *
     * @throws IllegalStateException with the output when it fails or outlasts 600 s
     */
    public static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(argv + " failed:\n" + output);
        }
        return output;
    }

    /** Waits until the condition holds (checked after the FX events so far), failing after {@code seconds}. */
    public static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }
}
