package dev.cos.installer.install;

import dev.cos.installer.model.Firmware;
import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.source.ImageSource;
import dev.cos.installer.source.PinnedImage;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.spec.InstallSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything checked and computed before the first write: the input of {@link InstallJob}.
 *
 * @param pinned the container image the source was pulled from, pinned to its digest, if it was one
 */
public record PreparedInstall(InstallSpec spec, ResolvedTarget target, Firmware firmware, ImageSource source,
                              SourceFacts sourceFacts, PartitionPlan plan, Optional<PinnedImage> pinned) {

    public PreparedInstall {
        Objects.requireNonNull(pinned, "pinned");
    }

    /** A source that is not a container image. */
    public PreparedInstall(InstallSpec spec, ResolvedTarget target, Firmware firmware, ImageSource source,
                           SourceFacts sourceFacts, PartitionPlan plan) {
        this(spec, target, firmware, source, sourceFacts, plan, Optional.empty());
    }
}
