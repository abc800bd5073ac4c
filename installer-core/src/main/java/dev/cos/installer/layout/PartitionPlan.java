package dev.cos.installer.layout;

import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.PartitionRole;
import java.util.List;
import java.util.Optional;

/**
 * The computed GPT layout: partitions in disk order, plus the image sizes it was sized for.
 *
 * @param scaled true when the defaults did not fit and STATE/RECOVERY were sized from the image
 */
public record PartitionPlan(ByteSize diskSize, List<PlannedPartition> partitions, ImageSizes images,
                            ByteSize minimumDiskSize, boolean scaled) {

    public PartitionPlan {
        partitions = List.copyOf(partitions);
    }

    public Optional<PlannedPartition> find(PartitionRole role) {
        return partitions.stream().filter(p -> p.role() == role).findFirst();
    }

    public PlannedPartition get(PartitionRole role) {
        return find(role).orElseThrow(() -> new IllegalStateException("no " + role.gptName() + " partition in the plan"));
    }

    /** Largest system image an upgrade can bring while active and passive stay: free STATE after both. */
    public ByteSize upgradeCapacity() {
        long stateMiB = get(PartitionRole.STATE).sizeMiB();
        long left = stateMiB - 2 * images.systemImage().mibRoundedUp();
        return ByteSize.ofMiB(Math.max(0, left));
    }
}
