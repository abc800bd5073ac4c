package dev.cos.installer.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogSetupTest {

    @TempDir
    Path dir;

    private final PrintStream stderr = System.err;
    /** The build's own values (surefire names the tests' log file): put back after each test. */
    private final String fileProperty = System.getProperty(LogSetup.FILE_PROPERTY);
    private final String consoleProperty = System.getProperty(LogSetup.CONSOLE_PROPERTY);

    @AfterEach
    void restore() {
        restore(LogSetup.FILE_PROPERTY, fileProperty);
        restore(LogSetup.CONSOLE_PROPERTY, consoleProperty);
        System.setErr(stderr);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void everyEventFromDebugUpGoesToTheNamedFileWithItsTimeLevelAndLogger() throws IOException {
        Path file = dir.resolve("run.log");
        System.setProperty(LogSetup.FILE_PROPERTY, file.toString());
        LoggerContext context = configured();
        Logger log = context.getLogger("dev.cos.installer.process.CommandRunner");
        log.debug("running [sgdisk, -v, disk.img]");
        log.trace("not kept");
        context.stop();

        String text = Files.readString(file);
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* DEBUG \\[[^]]+\\] d\\.c\\.i\\.p\\.CommandRunner - running \\[sgdisk, -v, disk\\.img\\]\\n"),
                text);
    }

    @Test
    void theLogFileIsCreatedReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("run.log");
        System.setProperty(LogSetup.FILE_PROPERTY, file.toString());
        LoggerContext context = configured();
        context.getLogger("x").info("the URLs and cloud-init names of a run");
        context.stop();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void passwordsAndQueryValuesOfUrlsAreMaskedInEveryLineAndStackTrace() throws IOException {
        Path file = dir.resolve("run.log");
        System.setProperty(LogSetup.FILE_PROPERTY, file.toString());
        System.setProperty(LogSetup.CONSOLE_PROPERTY, "INFO");
        ByteArrayOutputStream captured = capturedStderr();
        LoggerContext context = configured();
        Logger log = context.getLogger("dev.cos.installer.process.ProcessCommandRunner");
        log.info("run: curl --fail https://alice:hunter2@example.com/os.tar.gz?token=s3cr3t&v=2#sha256=ab12");
        log.warn("download failed", new IOException("GET https://example.com/os.tar?X-Amz-Signature=deadbeef: 403"));
        context.stop();

        String text = Files.readString(file);
        String console = captured.toString(StandardCharsets.UTF_8);
        for (String kept : List.of(text, console)) {
            assertTrue(kept.contains("https://alice:***@example.com/os.tar.gz?token=***&v=***#sha256=ab12"), kept);
            assertFalse(kept.contains("hunter2") || kept.contains("s3cr3t"), kept);
        }
        assertTrue(text.contains("https://example.com/os.tar?X-Amz-Signature=***: 403"), text);
        assertFalse(text.contains("deadbeef"), text);
    }

    @Test
    void theConsoleGetsTheEventsFromTheNamedLevelUpOnStderr() {
        System.setProperty(LogSetup.FILE_PROPERTY, dir.resolve("run.log").toString());
        System.setProperty(LogSetup.CONSOLE_PROPERTY, "INFO");
        ByteArrayOutputStream captured = capturedStderr();
        LoggerContext context = configured();
        Logger log = context.getLogger("dev.cos.installer.app.wizard.WizardViewModel");
        log.info("wizard: page WELCOME, Next disabled");
        log.debug("only in the file");
        context.stop();

        assertEquals("INFO  d.c.i.a.w.WizardViewModel - wizard: page WELCOME, Next disabled\n", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAConsoleLevelNothingGoesToStderr() {
        System.clearProperty(LogSetup.CONSOLE_PROPERTY);
        System.setProperty(LogSetup.FILE_PROPERTY, dir.resolve("run.log").toString());
        ByteArrayOutputStream captured = capturedStderr();
        LoggerContext context = configured();
        context.getLogger("x").error("kept in the file only");
        context.stop();

        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNamedOrTestConfigurationFileIsLeftToLogback() {
        LoggerContext context = new LoggerContext();
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogSetup(true).configure(context));
        assertFalse(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext(), "no appender added");
    }

    @Test
    void logbackFindsItAsAService() {
        assertTrue(ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == LogSetup.class),
                "META-INF/services names LogSetup");
    }

    /** Stderr from now on, for reading back (put back after each test). */
    private static ByteArrayOutputStream capturedStderr() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        return captured;
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        // What logback's own start-up gives the default context.
        context.setMDCAdapter(new LogbackMDCAdapter());
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new LogSetup(false).configure(context));
        context.start();
        return context;
    }
}
