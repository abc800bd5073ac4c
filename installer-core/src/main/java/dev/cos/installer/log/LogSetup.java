package dev.cos.installer.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.cos.installer.util.Redaction;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The engine's and the GUI's logging, set up in code (a logback {@link Configurator} found through
 * META-INF/services): every event at DEBUG and above to the file named by {@code cos.log.file}
 * (default {@code java.io.tmpdir}/cos-installer.log), and, when {@code cos.log.console} names a level
 * (the live ISO's wizard: INFO), the events at that level and above to stderr.
 *
 * <p>Why not logback.xml: parsing it (Joran and an XML parser) was about a third of the CPU time of a
 * short engine call such as {@code --version}, and every engine start and the wizard's start on the
 * live ISO's single slow CPU pays for it. A {@code logback.configurationFile} property or a
 * logback-test.xml on the class path (the tests) still wins: this then steps aside.
 *
 * <p>The log holds URLs, cloud-init file names and every command line: the file is created mode 0600
 * (before logback opens it, so there is no moment it is readable by others), and every line, stack
 * traces included, goes through {@link Redaction} at the layout, the one layer each line passes.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** The system property naming the log file; set before the first logger is made. */
    public static final String FILE_PROPERTY = "cos.log.file";
    /** The system property naming the lowest level also written to stderr (unset: none). */
    public static final String CONSOLE_PROPERTY = "cos.log.console";

    private final boolean stepAside;

    /** The instance logback's ServiceLoader makes. */
    public LogSetup() {
        this(System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null);
    }

    /** @param stepAside leave the configuration to logback's own configurators (a file was named or is there) */
    LogSetup(boolean stepAside) {
        this.stepAside = stepAside;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (stepAside) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);

        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        String path = System.getProperty(FILE_PROPERTY, System.getProperty("java.io.tmpdir") + "/cos-installer.log");
        createPrivate(Path.of(path));
        file.setFile(path);
        file.setAppend(true);
        file.setEncoder(encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n"));
        file.start();
        root.addAppender(file);

        Level console = Level.toLevel(System.getProperty(CONSOLE_PROPERTY, "OFF"), Level.OFF);
        if (console != Level.OFF) {
            ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
            stderr.setContext(context);
            stderr.setName("STDERR");
            stderr.setTarget("System.err");
            stderr.setEncoder(encoder(context, "%-5level %logger{20} - %msg%n"));
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(console.levelStr);
            threshold.start();
            stderr.addFilter(threshold);
            stderr.start();
            root.addAppender(stderr);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, String pattern) {
        RedactingLayout layout = new RedactingLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** The pattern's text with every URL's password and query values masked. */
    private static final class RedactingLayout extends PatternLayout {
        @Override
        public String doLayout(ILoggingEvent event) {
            return Redaction.redact(super.doLayout(event));
        }
    }

    /**
     * Creates the log file with mode 0600 unless it exists (then logback appends to it); an existing
     * one of ours is narrowed to 0600 too. Failing that, logback reports its own error when it opens it.
     */
    static void createPrivate(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            try {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
                // not ours to change (another user's file): logback appends, or reports that it cannot
            }
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // a missing directory or a file system without POSIX modes: logback reports what it meets
        }
    }
}
