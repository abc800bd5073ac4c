package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The engine's {@code plan --json} answer: the layout, the images, the source and the exact commands
 * the install will run (docs/progress-protocol.md).
 *
 * @param unverified the plan is for an http(s) image no digest checked (written only when true)
 */
public record InstallPlan(String target, String targetKind, long diskBytes, long minimumDiskBytes, int sectorBytes,
        String firmware, boolean scaled, List<Partition> partitions, List<Image> images, Source source,
        long upgradeCapacityMiB, List<Operation> operations,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unverified) {

    public InstallPlan {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        images = images == null ? List.of() : List.copyOf(images);
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    public record Partition(int number, String name, String type, long startSector, long endSector, long startMiB,
            long sizeMiB, String fs, String label) {}

    /** @param label null for a squashfs recovery image (it has none) */
    public record Image(String path, String fs, String label, long sizeMiB) {}

    /** @param image a container image source as pinned; absent (not written) for other sources */
    public record Source(String uri, String digest, long bytes, long treeBytes,
            @JsonInclude(JsonInclude.Include.NON_NULL) ContainerImage image) {

        public Source(String uri, String digest, long bytes, long treeBytes) {
            this(uri, digest, bytes, treeBytes, null);
        }
    }

    /** One planned operation: a command line, or a file the engine writes itself. */
    public record Operation(String kind, String text) {}
}
