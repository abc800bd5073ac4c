package dev.cos.installer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.installed.MountBases;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CLI runs killed part-way: a child {@code java -cp target/cos-installer.jar:HOOK} process (halted after a
 * step by the test-only {@link StopAfterStep} hook, or SIGKILLed by the test), and what it leaves
 * behind (mounts, partition nodes, its loop device), released by name.
 */
public final class KilledRun {

    /** Built by {@code mvn package} before failsafe runs the ITs. */
    public static final Path JAR = Path.of("target/cos-installer.jar");

    private KilledRun() {
    }

    /**
     * Starts the CLI in a child JVM with {@code args}; {@code stopAfter} is the step after which it
     * halts itself (empty: it runs to the end unless killed). Its output goes to {@code out}.
     */
    public static Process start(Path out, String stopAfter, List<String> args) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by mvn package before failsafe runs");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString(), "-Dcos.log.file=" + out + ".log", "-cp",
                JAR + File.pathSeparator + StopAfterStep.classPath(), "dev.cos.installer.cli.Main"));
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put(StopAfterStep.VARIABLE, stopAfter);
        return builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /**
     * Stops a child CLI run the way a power cut would: the child and every process it started
     * (mkfs, cp, dd ...) are frozen first (SIGSTOP, so none reacts to another's end), then killed,
     * and waited for. Only the child this test started, and its own descendants, are signalled.
     */
    public static void powerCut(Process child) throws InterruptedException {
        Tools.execute("kill", "-STOP", Long.toString(child.pid()));
        List<ProcessHandle> started = child.descendants().toList();
        for (ProcessHandle process : started) {
            Tools.execute("kill", "-STOP", Long.toString(process.pid()));
        }
        child.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
        child.waitFor(60, TimeUnit.SECONDS);
        for (ProcessHandle process : started) {
            process.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> process).join();
        }
    }

    /**
     * Runs the CLI in a child JVM that halts right after {@code step} (exit 137), then releases what
     * it left on {@code image}.
     *
     * @return the child's pid (its mount directory is left for the next run to remove)
     */
    public static long stoppedAfter(Path image, Path out, String step, List<String> args) throws Exception {
        Process child = start(out, step, args);
        boolean stopped;
        try {
            stopped = child.waitFor(300, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();  // by its own PID; a no-op once it has exited
            child.waitFor(30, TimeUnit.SECONDS);
            releaseLeftovers(image);
        }
        assertTrue(stopped, "the child stops after " + step);
        assertEquals(137, child.exitValue(), "halted after " + step + ": " + Files.readString(out));
        return child.pid();
    }

    /**
     * A killed run leaves its mounts and the loop device it attached to OUR image file: find them
     * by that file (losetup --associated), unmount, detach by name. Its now empty mount directory
     * under /run/cos-installer is left as a killed run leaves it: the next run removes it
     * (MountBases), which {@link #assertMountDirGone} checks.
     */
    public static void releaseLeftovers(Path image) {
        for (String line : Tools.run("losetup", "--associated", image.toString()).lines().toList()) {
            String loop = line.split(":", 2)[0];
            List<String[]> mounts = new ArrayList<>();
            try {
                for (String info : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                    String[] fields = info.split(" ");
                    int dash = List.of(fields).indexOf("-");
                    if (dash > 0 && fields[dash + 2].startsWith(loop + "p")) {
                        mounts.add(fields);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mounts.sort(Comparator.comparing((String[] f) -> f[4].length()).reversed());
            for (String[] mount : mounts) {
                Tools.run("umount", mount[4]);
            }
            Tools.execute("partx", "--delete", loop);
            Tools.run("losetup", "--detach", loop);
        }
    }

    /** After a later CLI run: the killed process {@code pid} has no mount directory left in /run/cos-installer. */
    public static void assertMountDirGone(long pid) {
        if (!Files.isDirectory(MountBases.RUN_DIR)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(MountBases.RUN_DIR)) {
            List<Path> left = dirs.filter(d -> d.getFileName().toString().matches("[a-z]+-" + pid + "-\\d+")).toList();
            assertEquals(List.of(), left, "the next run removed the mount directory of the killed run " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
