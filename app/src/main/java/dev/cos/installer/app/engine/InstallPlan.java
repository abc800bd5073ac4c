package dev.cos.installer.app.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The engine's {@code plan --json} answer: the layout, the images, the source and the exact commands
 * the install will run (field names fixed by the CLI's PlanCommand).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallPlan(String target, String targetKind, long diskBytes, long minimumDiskBytes, int sectorBytes,
        String firmware, boolean scaled, List<Partition> partitions, List<Image> images, Source source,
        long upgradeCapacityMiB, List<Operation> operations) {

    public InstallPlan {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        images = images == null ? List.of() : List.copyOf(images);
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partition(int number, String name, String type, long startSector, long endSector, long startMiB,
            long sizeMiB, String fs, String label) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String path, String fs, String label, long sizeMiB) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String uri, String digest, long bytes, long treeBytes) {}

    /** One planned operation: a command line, or a file the engine writes itself. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(String kind, String text) {}
}
