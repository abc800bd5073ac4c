package dev.cos.installer.config;

import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.model.Firmware;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code install:} keys as the configuration gives them: every field may be unset (empty),
 * defaults and cross-field checks belong to the install spec. {@code part-table} is not kept:
 * only gpt is accepted, so it carries no information.
 *
 * @param target the disk or image file to install to
 * @param firmware which firmware the disk must boot on; empty means detect
 * @param partitions label, size and filesystem of oem, recovery, state, persistent
 * @param systemSizeMiB size of active.img/passive.img in MiB (ours; default: tree + 256 MiB)
 * @param extraPartitions partitions added after the layout's own
 * @param systemUri {@code system.uri}: the system source as written (dir://, file://, oci:, a path)
 * @param recoverySystemUri {@code recovery-system.uri}: a different source for the recovery image
 * @param recoverySystemFs {@code recovery-system.fs}: squashfs or ext2
 * @param cloudInit cloud-init files (paths or URLs) to copy to COS_OEM, in order
 * @param grubEntryName the GRUB menu title of the installed system
 * @param noFormat do not partition and format: use the existing partitions
 * @param force install even over an existing installation
 * @param allowUnverified {@code allow-unverified}: install an http(s) image that has no published digest
 */
public record InstallConfig(
        Optional<Path> target,
        Optional<Firmware> firmware,
        PartitionsConfig partitions,
        Optional<Long> systemSizeMiB,
        List<ExtraPartition> extraPartitions,
        Optional<String> systemUri,
        Optional<String> recoverySystemUri,
        Optional<RecoveryFs> recoverySystemFs,
        List<String> cloudInit,
        Optional<String> grubEntryName,
        Optional<Boolean> noFormat,
        Optional<Boolean> force,
        Optional<Boolean> allowUnverified) {

    public static final InstallConfig EMPTY = builder().build();

    public InstallConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(systemSizeMiB, "systemSizeMiB");
        extraPartitions = List.copyOf(extraPartitions);
        Objects.requireNonNull(systemUri, "systemUri");
        Objects.requireNonNull(recoverySystemUri, "recoverySystemUri");
        Objects.requireNonNull(recoverySystemFs, "recoverySystemFs");
        cloudInit = List.copyOf(cloudInit);
        Objects.requireNonNull(grubEntryName, "grubEntryName");
        Objects.requireNonNull(noFormat, "noFormat");
        Objects.requireNonNull(force, "force");
        Objects.requireNonNull(allowUnverified, "allowUnverified");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This config with {@code overrides} on top, field by field: a set field (or a non-empty
     * list) of {@code overrides} wins; partitions merge per partition and per field. The CLI
     * applies its flags this way.
     */
    public InstallConfig merge(InstallConfig overrides) {
        return new InstallConfig(
                Merge.later(target, overrides.target),
                Merge.later(firmware, overrides.firmware),
                partitions.merge(overrides.partitions),
                Merge.later(systemSizeMiB, overrides.systemSizeMiB),
                Merge.later(extraPartitions, overrides.extraPartitions),
                Merge.later(systemUri, overrides.systemUri),
                Merge.later(recoverySystemUri, overrides.recoverySystemUri),
                Merge.later(recoverySystemFs, overrides.recoverySystemFs),
                Merge.later(cloudInit, overrides.cloudInit),
                Merge.later(grubEntryName, overrides.grubEntryName),
                Merge.later(noFormat, overrides.noFormat),
                Merge.later(force, overrides.force),
                Merge.later(allowUnverified, overrides.allowUnverified));
    }

    /** Builds an {@link InstallConfig}; unset fields stay empty. For the CLI's flags and for tests. */
    public static final class Builder {
        private Optional<Path> target = Optional.empty();
        private Optional<Firmware> firmware = Optional.empty();
        private PartitionsConfig partitions = PartitionsConfig.EMPTY;
        private Optional<Long> systemSizeMiB = Optional.empty();
        private List<ExtraPartition> extraPartitions = List.of();
        private Optional<String> systemUri = Optional.empty();
        private Optional<String> recoverySystemUri = Optional.empty();
        private Optional<RecoveryFs> recoverySystemFs = Optional.empty();
        private List<String> cloudInit = List.of();
        private Optional<String> grubEntryName = Optional.empty();
        private Optional<Boolean> noFormat = Optional.empty();
        private Optional<Boolean> force = Optional.empty();
        private Optional<Boolean> allowUnverified = Optional.empty();

        private Builder() {}

        public Builder target(Optional<Path> value) {
            target = value;
            return this;
        }

        public Builder firmware(Optional<Firmware> value) {
            firmware = value;
            return this;
        }

        public Builder partitions(PartitionsConfig value) {
            partitions = value;
            return this;
        }

        public Builder systemSizeMiB(Optional<Long> value) {
            systemSizeMiB = value;
            return this;
        }

        public Builder extraPartitions(List<ExtraPartition> value) {
            extraPartitions = value;
            return this;
        }

        public Builder systemUri(Optional<String> value) {
            systemUri = value;
            return this;
        }

        public Builder recoverySystemUri(Optional<String> value) {
            recoverySystemUri = value;
            return this;
        }

        public Builder recoverySystemFs(Optional<RecoveryFs> value) {
            recoverySystemFs = value;
            return this;
        }

        public Builder cloudInit(List<String> value) {
            cloudInit = value;
            return this;
        }

        public Builder grubEntryName(Optional<String> value) {
            grubEntryName = value;
            return this;
        }

        public Builder noFormat(Optional<Boolean> value) {
            noFormat = value;
            return this;
        }

        public Builder force(Optional<Boolean> value) {
            force = value;
            return this;
        }

        public Builder allowUnverified(Optional<Boolean> value) {
            allowUnverified = value;
            return this;
        }

        public InstallConfig build() {
            return new InstallConfig(target, firmware, partitions, systemSizeMiB, extraPartitions, systemUri,
                    recoverySystemUri, recoverySystemFs, cloudInit, grubEntryName, noFormat, force, allowUnverified);
        }
    }
}
