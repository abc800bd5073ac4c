package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.Pkcheck;
import dev.cos.installer.process.RecordingCommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which verbs an engine started by pkexec runs only after polkit allows dev.cos.installer.modify. */
class PrivilegesTest {

    /** This test's JVM stands in for the GUI that called pkexec (its start time is real). */
    private static final long CALLER = ProcessHandle.current().pid();

    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    private Privileges.Check underPkexec() {
        return Privileges.forCaller(Map.of("PKEXEC_UID", "1000"), new Pkcheck(runner), () -> CALLER);
    }

    /** The verb of {@code args} as the CLI parses it: whether it changes the system. */
    private static boolean changes(String... args) {
        return Privileges.changesTheSystem(Main.commandLine(Privileges.Check.ANY).parseArgs(args).subcommand());
    }

    @ParameterizedTest
    @ValueSource(strings = {"disks", "status", "check", "inspect", "plan", "help", "serve"})
    void readOnlyVerbsAskPolkitNothing(String verb) {
        assertEquals(false, changes(verb));
    }

    @Test
    void theRecoveryScreensListOfRepairsIsReadOnlyARepairIsNot() {
        assertEquals(false, changes("repair", "--describe", "--json"));
        assertEquals(true, changes("repair", "--bootloader"));
        assertEquals(false, changes(), "no verb: the usage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"install", "upgrade", "reset", "repair", "rollback", "bootentry", "diagnose"})
    void everyOtherVerbNeedsTheModifyActionForThePkexecCaller(String verb) {
        // bootentry's --select is required: it parses only with it.
        assertEquals(true, verb.equals("bootentry") ? changes(verb, "--select", "active") : changes(verb), verb);
        runner.fail(List.of("pkcheck"), 1, "Not authorized.");

        InstallerException refused = assertThrows(InstallerException.class, () -> underPkexec().authorize(verb));

        assertEquals(ErrorCode.NOT_AUTHORIZED, refused.code());
        assertTrue(refused.getMessage().startsWith("not authorized to " + verb + ": "), refused.getMessage());
        List<String> argv = runner.commands().get(0).argv();
        assertEquals(List.of("pkcheck", "--action-id", "dev.cos.installer.modify", "--process"), argv.subList(0, 4));
        assertTrue(argv.get(4).matches(CALLER + ",[0-9]+,1000"), "pid, start time, uid: " + argv);
        assertEquals("--allow-user-interaction", argv.get(5));
    }

    @Test
    void polkitsYesLetsTheVerbRun() {
        assertDoesNotThrow(() -> underPkexec().authorize("install"));
        assertEquals(1, runner.commands().size());
    }

    @Test
    void aDismissedDialogSaysNothingWasDone() {
        runner.fail(List.of("pkcheck"), 3, "");

        InstallerException refused = assertThrows(InstallerException.class, () -> underPkexec().authorize("install"));

        assertTrue(refused.getMessage().startsWith("the administrator password was not given"), refused.getMessage());
    }

    @Test
    void withoutPkexecNothingIsAsked() {
        runner.fail(List.of("pkcheck"), 1, "");

        assertDoesNotThrow(() -> Privileges.forCaller(Map.of(), new Pkcheck(runner), () -> CALLER).authorize("install"));
        assertEquals(List.of(), runner.commands());
    }

    /** Through the CLI: the verb never runs, the person reads why, the exit code is NOT_AUTHORIZED's. */
    @Test
    void aRefusedVerbExitsWithNotAuthorizedBeforeItRuns() {
        runner.fail(List.of("pkcheck"), 1, "Not authorized.");
        StringWriter err = new StringWriter();

        int exit = Main.commandLine(underPkexec()).setErr(new PrintWriter(err, true))
                .execute("install", "--target", "/dev/null-not-a-disk", "--yes");

        assertEquals(ErrorCode.NOT_AUTHORIZED.exitCode(), exit, err::toString);
        assertTrue(err.toString().startsWith("error: not authorized to install: "), err.toString());
        assertEquals(1, runner.commands().size(), "pkcheck only: " + runner.lines());
    }

    @Test
    void helpIsNeverChecked() {
        runner.fail(List.of("pkcheck"), 1, "");

        int exit = Main.commandLine(underPkexec()).setOut(new PrintWriter(new StringWriter())).execute("install", "--help");

        assertEquals(0, exit);
        assertEquals(List.of(), runner.commands());
    }
}
