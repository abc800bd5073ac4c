package dev.cos.installer.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Every {@code @TempDir} of the tests (junit-platform.properties makes this the default factory):
 * {@code <java.io.tmpdir>/cos-test-<this JVM's pid>-<random>}, so what a run attaches over its image files
 * can be told from anything else on the machine ({@link RunLeftovers}). The first directory of a run
 * first releases what earlier runs, now ended, left (a run killed mid-test), and registers a shutdown
 * hook that releases what this run leaves if it is interrupted (Ctrl-C, a CI timeout's SIGTERM).
 */
public final class OwnedTempDirs implements TempDirFactory {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long SELF = ProcessHandle.current().pid();

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws Exception {
        if (STARTED.compareAndSet(false, true)) {
            RunLeftovers.sweep("test run start", pid -> pid != SELF && ProcessHandle.of(pid).isEmpty());
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> RunLeftovers.sweep("test run end", pid -> pid == SELF), "release-test-loop-devices"));
        }
        return Files.createTempDirectory(RunLeftovers.PREFIX + SELF + "-");
    }
}
