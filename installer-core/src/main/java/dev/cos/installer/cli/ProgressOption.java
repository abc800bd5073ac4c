package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress text|json} of the verbs that run a job (install, upgrade, reset). */
final class ProgressOption {

    @Option(names = "--progress", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line on stdout (docs/progress-protocol.md).")
    String progress;

    ProgressPrinter printer(PrintWriter out) {
        return ProgressPrinter.create(format(progress), out);
    }

    static ProgressPrinter.Format format(String value) {
        return switch (value) {
            case "json" -> ProgressPrinter.Format.JSON;
            case "text" -> ProgressPrinter.Format.TEXT;
            default -> throw new InstallerException(ErrorCode.USAGE, "invalid --progress '" + value + "': use text or json");
        };
    }

    /** The preamble of the verbs that run a job: the printer on the verb's stdout, and {@link #report} around {@code work}. */
    int report(picocli.CommandLine.Model.CommandSpec verb, java.util.function.Function<ProgressPrinter, ?> work) {
        ProgressPrinter printer = printer(verb.commandLine().getOut());
        return report(printer, () -> work.apply(printer));
    }

    /**
     * Runs a verb's work and ends its output with the result event (the summary record the work returns)
     * or the error event; the error still propagates so Main maps it to the exit code.
     */
    static int report(ProgressPrinter printer, java.util.function.Supplier<?> work) {
        long started = System.nanoTime();
        try {
            Object summary = work.get();
            printer.success(summary, (System.nanoTime() - started) / 1_000_000);
            return 0;
        } catch (InstallerException e) {
            printer.failure(e);
            throw e;
        }
    }
}
