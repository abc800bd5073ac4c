package dev.cos.installer.config;

import dev.cos.installer.model.PartitionRole;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code install.partitions}: the four partitions a user can configure. */
public record PartitionsConfig(PartitionConfig oem, PartitionConfig recovery, PartitionConfig state, PartitionConfig persistent) {

    /** The roles a user can configure, in disk order. */
    public static final List<PartitionRole> CONFIGURABLE =
            List.of(PartitionRole.OEM, PartitionRole.RECOVERY, PartitionRole.STATE, PartitionRole.PERSISTENT);

    public static final PartitionsConfig EMPTY =
            new PartitionsConfig(PartitionConfig.EMPTY, PartitionConfig.EMPTY, PartitionConfig.EMPTY, PartitionConfig.EMPTY);

    public PartitionsConfig {
        Objects.requireNonNull(oem, "oem");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(persistent, "persistent");
    }

    /** "oem, recovery, state, persistent": for messages that list the valid names. */
    public static String configurableNames() {
        return CONFIGURABLE.stream().map(PartitionRole::gptName).collect(Collectors.joining(", "));
    }

    /** Sizes only, as {@code --part-size} gives them ({@link PartSizes#parse}). */
    public static PartitionsConfig ofSizesMiB(Map<PartitionRole, Long> sizesMiB) {
        PartitionsConfig result = EMPTY;
        for (Map.Entry<PartitionRole, Long> size : sizesMiB.entrySet()) {
            result = result.with(size.getKey(), PartitionConfig.ofSizeMiB(size.getValue()));
        }
        return result;
    }

    /**
     * The config of one role.
     *
     * @throws IllegalArgumentException for BIOS and EFI, which are not configurable
     */
    public PartitionConfig forRole(PartitionRole role) {
        return switch (role) {
            case OEM -> oem;
            case RECOVERY -> recovery;
            case STATE -> state;
            case PERSISTENT -> persistent;
            default -> throw new IllegalArgumentException("partition " + role.gptName() + " is not configurable");
        };
    }

    /** A copy with the config of {@code role} replaced (OEM, RECOVERY, STATE or PERSISTENT). */
    public PartitionsConfig with(PartitionRole role, PartitionConfig config) {
        return switch (role) {
            case OEM -> new PartitionsConfig(config, recovery, state, persistent);
            case RECOVERY -> new PartitionsConfig(oem, config, state, persistent);
            case STATE -> new PartitionsConfig(oem, recovery, config, persistent);
            case PERSISTENT -> new PartitionsConfig(oem, recovery, state, config);
            default -> throw new IllegalArgumentException("partition " + role.gptName() + " is not configurable");
        };
    }

    /** Merged partition by partition and field by field; set fields of {@code overrides} win. */
    public PartitionsConfig merge(PartitionsConfig overrides) {
        return new PartitionsConfig(oem.merge(overrides.oem), recovery.merge(overrides.recovery), state.merge(overrides.state),
                persistent.merge(overrides.persistent));
    }
}
