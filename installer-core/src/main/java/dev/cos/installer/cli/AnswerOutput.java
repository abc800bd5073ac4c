package dev.cos.installer.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Mixed into the verbs that answer a question (check, disks, plan, status, diagnose): {@code --json}
 * and printing the answer either as the api record's JSON, for programs, or as text, for people.
 */
@Command  // picocli takes a class as a mixin only when it has a picocli annotation of its own
final class AnswerOutput {

    @Option(names = "--json", description = "Print the answer as JSON instead of text (the engine's contract: docs/engine-session.md).")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec verb;

    /** Prints {@code json} (one document, then a line end) or the text for people. */
    void print(Supplier<String> json, Consumer<PrintWriter> text) {
        PrintWriter out = out();
        if (this.json) {
            out.println(json.get().stripTrailing());
        } else {
            text.accept(out);
        }
        out.flush();
    }

    PrintWriter out() {
        return verb.commandLine().getOut();
    }

    PrintWriter err() {
        return verb.commandLine().getErr();
    }
}
