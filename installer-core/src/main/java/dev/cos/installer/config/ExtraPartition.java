package dev.cos.installer.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code install.extra-partitions} entry: created after the layout's own partitions.
 *
 * @param name the GPT partition name (unique, not one of the layout's names)
 * @param sizeMiB the size in MiB; 0 means the rest of the disk
 * @param fs the filesystem, or empty to leave the partition unformatted
 * @param label the filesystem label; only with a filesystem
 */
public record ExtraPartition(String name, long sizeMiB, Optional<PartitionFs> fs, Optional<String> label) {

    public ExtraPartition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(label, "label");
        if (sizeMiB < 0) {
            throw new IllegalArgumentException("size cannot be negative: " + sizeMiB);
        }
    }
}
