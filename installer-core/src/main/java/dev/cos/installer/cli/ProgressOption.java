package dev.cos.installer.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --progress text|json} of the verbs that run a job (install, upgrade, reset). */
final class ProgressOption {

    @Option(names = "--progress", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line on stdout (docs/progress-protocol.md).")
    String progress;

    ProgressPrinter printer(PrintWriter out) {
        return ProgressPrinter.create(InstallCommand.progressFormat(progress), out);
    }
}
