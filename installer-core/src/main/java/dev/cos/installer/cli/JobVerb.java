package dev.cos.installer.cli;

import dev.cos.installer.service.Wiring;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The verbs that run a job and report it as progress events (install, upgrade, reset, rollback,
 * repair, inspect): {@code --progress}, the wiring, and the closing result or error event, written
 * once. A verb parses its options into a spec, calls its service and returns the result summary.
 */
abstract class JobVerb implements Callable<Integer> {

    @Mixin
    ProgressOption progress;

    @Mixin
    EngineWiring wiring;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return progress.report(spec, printer -> run(wiring.get(), printer));
    }

    /** The verb's work with the composition root's {@code parts}; returns the summary of the result event (an api record). */
    abstract Object run(Wiring parts, ProgressPrinter printer);
}
