package dev.cos.installer.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What the configuration says about one partition of the layout; every field may be unset, in
 * which case the layout's default applies.
 *
 * @param label the filesystem label (at most 16 bytes)
 * @param sizeMiB the size in MiB; 0 means the rest of the disk
 * @param fs the filesystem
 */
public record PartitionConfig(Optional<String> label, Optional<Long> sizeMiB, Optional<PartitionFs> fs) {

    public static final PartitionConfig EMPTY = new PartitionConfig(Optional.empty(), Optional.empty(), Optional.empty());

    public PartitionConfig {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sizeMiB, "sizeMiB");
        Objects.requireNonNull(fs, "fs");
    }

    public static PartitionConfig ofSizeMiB(long sizeMiB) {
        return new PartitionConfig(Optional.empty(), Optional.of(sizeMiB), Optional.empty());
    }

    /** This config with the fields set in {@code overrides} replaced. */
    public PartitionConfig merge(PartitionConfig overrides) {
        return new PartitionConfig(Merge.later(label, overrides.label), Merge.later(sizeMiB, overrides.sizeMiB),
                Merge.later(fs, overrides.fs));
    }
}
