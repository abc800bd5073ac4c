package dev.cos.installer.service;

import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.source.ContainerSource;
import dev.cos.installer.source.PinnedImage;
import dev.cos.installer.source.SourceInspector;
import java.util.Optional;

/** {@code inspect}: reads a source exactly as install's verify step does and says what it is; writes nothing. */
public record InspectService(Wiring wiring) {

    /**
     * @param source the source as named; empty: the demo image (built when not cached)
     * @param downloads removes the download of an http(s) source
     */
    public SourceInspector.Inspection inspect(Optional<String> source, SourcePolicy policy, CleanupStack downloads,
                                              ByteProgress download, ByteProgress read) {
        String named = source.orElseGet(() -> wiring.demoImage().path());
        return wiring.sources(policy).inspect(named, downloads, download, read);
    }

    /** A container image resolved and (when the policy asks) verified from its manifest and config only: no layer is read. */
    public PinnedImage pin(ContainerSource source, SourcePolicy policy) {
        return wiring.sources(policy).pin(source);
    }
}
