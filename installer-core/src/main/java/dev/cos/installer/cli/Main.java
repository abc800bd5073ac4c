package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.process.Libc;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code cos-installer}: the verbs, and failures mapped to exit codes. */
@Command(name = "cos-installer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Installs, upgrades and repairs immutable A/B cOS systems.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DisksCommand.class,
            PlanCommand.class,
            InspectCommand.class,
            InstallCommand.class,
            UpgradeCommand.class,
            UpgradeCheckCommand.class,
            ResetCommand.class,
            StatusCommand.class,
            BootentryCommand.class,
            CheckCommand.class,
            DiagnoseCommand.class,
            RepairCommand.class,
            RollbackCommand.class,
            ServeCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<Wiring> wiring;

    private Main(Supplier<Wiring> wiring) {
        this.wiring = wiring;
    }

    /** The parts every verb works with (built on first use). */
    Wiring wiring() {
        return wiring.get();
    }

    /** The engine's file mode creation mask: images and directories it creates are readable, never writable, by others. */
    static final int ENGINE_UMASK = 0022;

    public static void main(String[] args) {
        // Not the caller's umask (pkexec passes it on): files a root engine creates must not be group- or
        // world-writable; private files (logs, secrets) are created with explicit 0600 modes.
        try {
            Libc.umask(ENGINE_UMASK);
        } catch (LinkageError e) {
            System.err.println("error: cannot set the engine's file creation mask: the native part of JNA did not load ("
                    + e.getMessage() + "). Give Java a temporary directory that allows running programs: -Djna.tmpdir=DIR");
            System.exit(ErrorCode.INTERNAL.exitCode());
        }
        LogFile.configure();
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The CLI's one command line setup; {@code serve} builds one per request through this too. */
    public static CommandLine commandLine() {
        return commandLine(Privileges.system());
    }

    /** Tests: with this privilege check instead of the process's own. */
    static CommandLine commandLine(Privileges.Check privileges) {
        return commandLine(privileges, Wiring::system);
    }

    /**
     * The composition root: every verb gets the wiring {@code wiring} makes ({@link EngineWiring}), built
     * once, when the first verb needs it (so a failure to build it is reported like any verb's). Tests
     * pass a fake.
     */
    public static CommandLine commandLine(Privileges.Check privileges, Supplier<Wiring> wiring) {
        CommandLine cli = new CommandLine(new Main(once(wiring)));
        // Made when it runs, not here: picocli's RunLast points its writers back at System.out when System.out
        // changed since it was made (serve points System.out at stderr).
        cli.setExecutionStrategy(parsed -> {
            authorize(parsed, privileges);
            return new CommandLine.RunLast().execute(parsed);
        });
        // The engine runs as root for an unprivileged caller: "@/etc/shadow" must stay an argument, never
        // become the lines of a file the caller may not read (picocli would print them in its usage error).
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler(Main::handleFailure);
        cli.setExitCodeExceptionMapper(e -> e instanceof InstallerException ie ? ie.code().exitCode() : ErrorCode.INTERNAL.exitCode());
        cli.setParameterExceptionHandler(Main::handleUsageError);
        return cli;
    }

    /** Runs {@code privileges} on a verb that changes the system, unless only its help or the version is asked for. */
    private static void authorize(CommandLine.ParseResult parsed, Privileges.Check privileges) {
        CommandLine.ParseResult verb = parsed.subcommand();
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return;
            }
        }
        if (!Privileges.changesTheSystem(verb)) {
            return;
        }
        try {
            privileges.authorize(verb.commandSpec().name());
        } catch (InstallerException refused) {
            throw new CommandLine.ExecutionException(verb.commandSpec().commandLine(), refused.getMessage(), refused);
        }
    }

    /** {@code make}, called at most once. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof InstallerException failure) {
            cli.getErr().println("error: " + failure.getMessage());
            if (failure.code() != ErrorCode.USAGE) {
                cli.getErr().println("Every command and its output are in the log: " + LogFile.current());
            }
            return failure.code().exitCode();
        }
        org.slf4j.LoggerFactory.getLogger(Main.class).error("unexpected failure", e);
        cli.getErr().println("internal error (a fault in cos-installer, please report it): " + FailureWords.describe(e));
        cli.getErr().println("The log has the details: " + LogFile.current());
        return ErrorCode.INTERNAL.exitCode();
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + e.getMessage());
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'.");
        return ErrorCode.USAGE.exitCode();
    }
}
