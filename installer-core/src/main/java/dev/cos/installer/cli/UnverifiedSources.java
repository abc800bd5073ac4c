package dev.cos.installer.cli;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.service.SourcePolicy;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.source.SourceLocator;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code --allow-unverified} of the verbs that take a source, and what came of it in one run: an
 * http(s) image used without a digest is announced as a {@code warn} log event and marks the
 * result summary {@code "unverified": true} (docs/progress-protocol.md), so the GUI can say so.
 */
final class UnverifiedSources {

    @Option(names = "--allow-unverified", arity = "0..1", paramLabel = "true|false",
            description = "Use an http(s) image that has no digest (no #sha256= in the URL, no URL.sha256 published):"
                    + " it is refused otherwise. The run warns loudly. Config: allow-unverified: true in the verb's section.")
    Boolean allowUnverified;

    private boolean used;

    /** The flag over {@code configured} (the verb's section of config.yaml and ELEMENTAL_* variables). */
    boolean allowed(java.util.Optional<Boolean> configured) {
        return allowUnverified != null ? allowUnverified : configured.orElse(false);
    }

    /** The caller's source rule: refuses, or allows and announces through {@code printer}, images with no digest. */
    SourcePolicy policy(boolean allowed, ProgressPrinter printer, ContainerSettings containers) {
        return policy(allowed, message -> printer.log("warn", message), true, containers);
    }

    /**
     * Refuses, or (when {@code allowed}) uses and announces to {@code warnings}, images with no digest;
     * each one is remembered for {@link #used}.
     *
     * @param callersOwn whether the caller named the source (else it is the engine's demo image)
     * @param containers how a container image source is read
     */
    SourcePolicy policy(boolean allowed, Consumer<String> warnings, boolean callersOwn, ContainerSettings containers) {
        return new SourcePolicy(allowed, message -> {
            used = true;
            warnings.accept(message);
        }, callersOwn, containers);
    }

    /** An image was used without a digest: the summary says {@code "unverified": true}. */
    boolean used() {
        return used;
    }
}
