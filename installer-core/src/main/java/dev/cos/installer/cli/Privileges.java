package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.Libc;
import dev.cos.installer.process.Pkcheck;
import dev.cos.installer.process.ProcessCommandRunner;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may run which verb when pkexec started the engine (docs/privileges.md). pkexec's action
 * ({@value #ENGINE_ACTION}) lets an active local user start the engine without a password, so the
 * tray's {@code status} at login asks nothing; a verb that changes disks or the installed system needs
 * the root-equivalent action {@value #MODIFY_ACTION}, checked with polkit for the process that called
 * pkexec (the GUI) before the verb runs, in a session request as in a single call.
 */
final class Privileges {

    /** The action pkexec checks to start the engine (the policy's exec.path action). */
    static final String ENGINE_ACTION = "dev.cos.installer.engine";
    /** The root-equivalent action: every verb outside {@link #READ_ONLY}. */
    static final String MODIFY_ACTION = "dev.cos.installer.modify";
    /** Verbs that change nothing (serve: each of its requests is checked itself). */
    static final Set<String> READ_ONLY = Set.of("help", "disks", "status", "check", "inspect", "plan", "upgrade-check", "serve");

    /**
     * Whether the verb parsed as {@code verb} ({@code null}: none, the usage) may change disks or the installed
     * system: every verb but {@link #READ_ONLY} and {@code repair --describe} (the recovery screen's list).
     */
    static boolean changesTheSystem(CommandLine.ParseResult verb) {
        if (verb == null || READ_ONLY.contains(verb.commandSpec().name())) {
            return false;
        }
        return !(verb.commandSpec().name().equals("repair") && verb.hasMatchedOption("--describe"));
    }

    /** Decides whether this process may run a verb that changes the system; throws when it may not. */
    interface Check {
        void authorize(String verb);

        /** Everything allowed: the engine started by root itself (sudo, a root GUI), or a test. */
        Check ANY = verb -> { };
    }

    private static final Logger LOG = LoggerFactory.getLogger(Privileges.class);

    private Privileges() {
    }

    /** The check of this process: polkit's when pkexec started it, none otherwise. */
    static Check system() {
        return forCaller(System.getenv(), new Pkcheck(new ProcessCommandRunner()), Libc::parentPid);
    }

    /**
     * @param env this process's environment: pkexec sets {@code PKEXEC_UID}, the calling user
     * @param caller the pid of the process that ran pkexec (pkexec execs the engine: the parent)
     */
    static Check forCaller(Map<String, String> env, Pkcheck pkcheck, java.util.function.LongSupplier caller) {
        Optional<Long> uid = Optional.ofNullable(env.get("PKEXEC_UID")).map(Long::parseLong);
        if (uid.isEmpty()) {
            return Check.ANY;
        }
        return verb -> {
            long pid = caller.getAsLong();
            LOG.info("{} changes the system: asking polkit whether process {} (uid {}) may {}", verb, pid, uid.get(), MODIFY_ACTION);
            if (pkcheck.check(MODIFY_ACTION, pid, uid.get()) instanceof Pkcheck.Refused refused) {
                LOG.warn("{} not authorized: {}", verb, refused.details());
                throw new InstallerException(ErrorCode.NOT_AUTHORIZED, refused.dismissed()
                        ? "the administrator password was not given, so nothing was done. Run it again and authenticate."
                        : "not authorized to " + verb + ": it changes disks or the installed system, which needs the"
                                + " polkit action " + MODIFY_ACTION + " (an administrator's password, or a rule that"
                                + " allows it). Ask an administrator, or run it as root.");
            }
        };
    }
}
