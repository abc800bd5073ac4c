package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An engine call's failure as the person reads it. */
class FinishedTest {

    /** The engine's refusal comes with a pointer to its log on the next line: the person reads the refusal. */
    @Test
    void polkitsNoToAChangeSaysWhatWasRefusedAndWhatToDo() {
        Finished refused = new Finished(69, "", "error: not authorized to install: it changes disks or the installed system,"
                + " which needs the polkit action dev.cos.installer.modify (an administrator's password, or a rule that"
                + " allows it). Ask an administrator, or run it as root.\nEvery command and its output are in the log: /x.log\n");

        EngineException failure = refused.failure(true);

        assertEquals("NOT_AUTHORIZED", failure.code());
        assertEquals("Not authorized to install: it changes disks or the installed system, which needs the polkit action"
                + " dev.cos.installer.modify (an administrator's password, or a rule that allows it). Ask an administrator,"
                + " or run it as root.", failure.getMessage());
    }
}
