package dev.cos.installer.cli;

import dev.cos.installer.service.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Mixed into every verb: the composition root's wiring, which {@link Main} holds (built once per
 * command line, on first use). No verb builds its own parts.
 */
@Command  // picocli takes a class as a mixin only when it has a picocli annotation of its own; it adds no options
final class EngineWiring {

    @Spec(Spec.Target.MIXEE)
    CommandSpec verb;

    Wiring get() {
        if (verb.root().userObject() instanceof Main main) {
            return main.wiring();
        }
        throw new IllegalStateException("the verb " + verb.name() + " runs outside Main.commandLine, which holds the wiring");
    }
}
