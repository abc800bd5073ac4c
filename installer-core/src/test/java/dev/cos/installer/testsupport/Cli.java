package dev.cos.installer.testsupport;

import dev.cos.installer.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs the CLI in-process (or in a child JVM) and captures what it prints. */
public final class Cli {

    /** Exit code, stdout and stderr of one run. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** pkexec changes to the home directory of the user it runs the program as: root's. */
    private static final Path PKEXEC_WORKING_DIRECTORY = Path.of("/root");

    private Cli() {
    }

    /**
     * Runs the CLI in a child JVM ({@code java -jar target/cos-installer.jar}, built by mvn package before
     * failsafe) with {@code env} added to its environment: what only a process's environment can say, such
     * as pkexec's {@code PKEXEC_UID}. It starts in root's home directory, where pkexec starts the engine
     * (a directory the caller may not enter). Its log goes to {@code log}.
     */
    public static Result runInChild(Map<String, String> env, Path log, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcos.log.file=" + log, "-jar", KilledRun.JAR.toAbsolutePath().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(PKEXEC_WORKING_DIRECTORY.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("cli-out-", ".txt");
        Path err = Files.createTempFile("cli-err-", ".txt");
        try {
            Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!child.waitFor(600, TimeUnit.SECONDS)) {
                child.destroyForcibly();  // by its own handle
                child.waitFor();
            }
            return new Result(child.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
