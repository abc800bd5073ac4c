package dev.cos.installer.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

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
        file.setFile(System.getProperty(FILE_PROPERTY, System.getProperty("java.io.tmpdir") + "/cos-installer.log"));
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

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
