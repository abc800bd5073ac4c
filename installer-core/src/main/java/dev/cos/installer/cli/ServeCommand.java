package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.ParentLink;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cos-installer serve}: one engine process answering many requests, each the arguments of one
 * CLI call, on stdin/stdout (docs/engine-session.md). The GUI starts it once, through pkexec, instead of
 * one process (and one JVM start) per call.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Answer many calls in one process: the GUI's engine session (docs/engine-session.md).",
            "Prints {\"ready\":true,\"version\":V,\"token\":T}, then reads one request per line on stdin:"
                    + " {\"token\":T,\"args\":[...]}, the session's token and the arguments of one cos-installer call,"
                    + " e.g. [\"disks\",\"--json\"]. Answers each with {\"out\":LINE} and {\"err\":LINE} lines as the call"
                    + " writes them, then {\"exit\":N}, N being the exit code the same arguments give as a process of their"
                    + " own. One request at a time. Ends (exit 0) at the end of stdin, or after --idle-exit seconds without"
                    + " a request (its last line then: {\"end\":\"idle\"}); a request without the token is refused and"
                    + " ends the session ({\"end\":\"refused\"}, exit 2)."})
public final class ServeCommand implements Callable<Integer> {

    static final long DEFAULT_IDLE_SECONDS = 300;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_IDLE_SECONDS,
            description = "Exit by itself after this many seconds without a request (default: ${DEFAULT-VALUE}; 0 ="
                    + " never): a process running as root does not linger; the GUI starts a new one when it needs it.")
    long idleExitSeconds;

    @Option(names = "--parent-pid", paramLabel = "PID",
            description = "The pid of the program starting this session (the GUI passes its own): the session ends when"
                    + " that process ends, also when it ended before the session was set up. Default: the parent at start.")
    Long parentPid;

    /** Set on the serve command of each request's own command line: a session inside a session is refused. */
    boolean insideSession;

    private final InputStream in;
    private final OutputStream out;
    private final ParentLink parentLink;

    /** For picocli: stdin and stdout, and this process ends with its parent. */
    public ServeCommand() {
        this(null, null, ParentLink.PRCTL);
    }

    /** Tests: these streams instead of stdin and stdout ({@code null} = the real one). */
    ServeCommand(InputStream in, OutputStream out) {
        this(in, out, ParentLink.NONE);
    }

    private ServeCommand(InputStream in, OutputStream out, ParentLink parentLink) {
        this.in = in;
        this.out = out;
        this.parentLink = parentLink;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (insideSession) {
            throw new InstallerException(ErrorCode.USAGE, "serve cannot run inside an engine session: send the arguments"
                    + " of the call itself, e.g. [\"disks\",\"--json\"]");
        }
        if (idleExitSeconds < 0) {
            throw new InstallerException(ErrorCode.USAGE, "invalid --idle-exit " + idleExitSeconds + ": use 0 (never) or more seconds");
        }
        OptionalLong expectedParent = parentPid == null ? OptionalLong.empty() : OptionalLong.of(parentPid);
        // A root process answering a GUI must not outlive it (docs/privileges.md).
        if (parentLink.endWithParent(expectedParent).isEmpty()) {
            throw new InstallerException(ErrorCode.CANCELLED, "the program that started this engine session"
                    + (parentPid == null ? "" : " (pid " + parentPid + ")") + " has already ended: nobody to answer");
        }
        // The real stdout carries the protocol only: anything printed to System.out by mistake goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return new ServeSession(in != null ? in : System.in, out != null ? out : stdout,
                    Duration.ofSeconds(idleExitSeconds), Main::commandLine, SessionToken.fresh()).run();
        } finally {
            System.setOut(stdout);
        }
    }
}
