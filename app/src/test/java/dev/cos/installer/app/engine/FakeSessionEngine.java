package dev.cos.installer.app.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Engines for tests that speak the session protocol of {@code cos-installer serve} without being it: a
 * {@link FakeServe} process answering each call with a shell script, so the tests of {@link ProcessEngine}
 * keep their one-script-per-call fakes.
 */
public final class FakeSessionEngine {

    private FakeSessionEngine() {}

    /**
     * A launcher (no pkexec) whose engine is this fake, answering every call with {@code script}
     * (a {@code /bin/sh} script body; {@code "$@"} are the call's arguments). Its idle limit is 10 s, so
     * the sessions of tests that do not close their engine end soon (a later call starts a new one).
     */
    public static EngineLauncher launcher(Path dir, String script) throws IOException {
        return launcher(dir, script, Duration.ofSeconds(10), "normal");
    }

    /** As {@link #launcher(Path, String)}, with an idle limit (zero = none) and a mode. */
    public static EngineLauncher launcher(Path dir, String script, Duration idle, String mode) throws IOException {
        return new EngineLauncher(program(dir, script, idle, "echo " + mode), false);
    }

    /** The engine program (for {@code -Dcos.engine}) answering every call with {@code script}; no idle limit. */
    public static Path program(Path dir, String script) throws IOException {
        return program(dir, script, Duration.ZERO, "echo normal");
    }

    /**
     * Writes {@code dir/fake-call} (the per-call script) and {@code dir/fake-engine}, the program to start:
     * {@code modeCommand} is shell that prints the mode (it may look at files the test made).
     */
    static Path program(Path dir, String script, Duration idle, String modeCommand) throws IOException {
        Path call = executable(dir.resolve("fake-call"), "#!/bin/sh\n" + script);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(FakeServe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        return executable(dir.resolve("fake-engine"), "#!/bin/sh\nmode=$(" + modeCommand + ")\n"
                + "exec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + classes + "' "
                + FakeServe.class.getName() + " '" + call + "' " + idle.toMillis() + " \"$mode\" \"$@\"\n");
    }

    static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
