package dev.cos.installer.disk;

import dev.cos.installer.model.ByteSize;
import java.util.List;
import java.util.Objects;

/**
 * A whole disk (or loop device) that could be an installation target, with its partitions and
 * whether it can be installed on now. Text fields the system did not report ({@code model},
 * {@code serial}, {@code transport}) are empty strings, never null.
 *
 * @param path the device node, e.g. {@code /dev/sda}
 * @param name the kernel name, e.g. {@code sda}
 * @param sectorSizeBytes the logical sector size
 */
public record BlockDevice(
        String path,
        String name,
        Type type,
        ByteSize size,
        String model,
        String serial,
        String transport,
        boolean removable,
        boolean readOnly,
        int sectorSizeBytes,
        List<DiskPartition> partitions,
        Eligibility eligibility) {

    /** The kinds of device listed as targets. */
    public enum Type {
        DISK,
        LOOP
    }

    public BlockDevice {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(eligibility, "eligibility");
        partitions = List.copyOf(partitions);
    }

    public boolean installable() {
        return eligibility.installable();
    }
}
