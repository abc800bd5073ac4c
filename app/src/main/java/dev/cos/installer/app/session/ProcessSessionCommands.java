package dev.cos.installer.app.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SessionCommands} as child processes of the app, in the person's session. */
final class ProcessSessionCommands implements SessionCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSessionCommands.class);

    @Override
    public Optional<String> ask(List<String> argv, Duration timeout) {
        LOG.debug("asking {}", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.debug("cannot run {}: {}", argv.get(0), e.getMessage());
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("{} did not answer within {} ms", argv.get(0), timeout.toMillis());
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

    @Override
    public int run(List<String> argv) throws IOException {
        LOG.info("running {}", argv);
        try {
            return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + argv.get(0), e);
        }
    }
}
