package dev.cos.installer.install;

import dev.cos.installer.model.Firmware;
import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.source.ImageSource;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.spec.InstallSpec;

/** Everything checked and computed before the first write: the input of {@link InstallJob}. */
public record PreparedInstall(InstallSpec spec, ResolvedTarget target, Firmware firmware, ImageSource source,
                              SourceFacts sourceFacts, PartitionPlan plan) {
}
