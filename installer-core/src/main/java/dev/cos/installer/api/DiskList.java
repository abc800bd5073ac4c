package dev.cos.installer.api;

import java.util.List;

/**
 * The engine's {@code disks --json} answer: every disk and loop device, its partitions, and why it cannot
 * be installed on.
 *
 * @param minimumSizeBytes disks smaller than this are reported as too small
 */
public record DiskList(long minimumSizeBytes, List<Disk> disks) {

    public DiskList {
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /** One disk; {@code reasons} say why it cannot be used when {@code installable} is false. */
    public record Disk(String path, String name, String type, long sizeBytes, String size, String model, String serial,
            String transport, boolean removable, boolean readOnly, int sectorSizeBytes, boolean installable,
            List<Reason> reasons, List<Partition> partitions) {

        public Disk {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
            partitions = partitions == null ? List.of() : List.copyOf(partitions);
            model = model == null ? "" : model;
            serial = serial == null ? "" : serial;
            transport = transport == null ? "" : transport;
        }

        /** True when a partition carries a cOS label: an earlier install that would be replaced. */
        public boolean hasCosInstall() {
            return partitions.stream().anyMatch(p -> p.fsLabel() != null && p.fsLabel().startsWith("COS_"));
        }
    }

    /** @param kind e.g. holds-running-root, too-small, read-only (the engine's UnusableReason, kebab-case) */
    public record Reason(String kind, String message) {}

    public record Partition(int number, String path, long sizeBytes, String size, String gptName, String gptType,
            String fsType, String fsLabel, List<String> mountpoints) {

        public Partition {
            mountpoints = mountpoints == null ? List.of() : List.copyOf(mountpoints);
        }
    }
}
