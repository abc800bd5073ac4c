package dev.cos.installer.config;

import dev.cos.installer.model.PartitionRole;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Parses the CLI's {@code --part-size oem=64,recovery=4096,state=8192,persistent=0} (MiB; 0 = rest of the disk). */
public final class PartSizes {

    private static final String VALID = PartitionsConfig.configurableNames();

    private PartSizes() {}

    /**
     * The sizes in MiB by partition, in disk order.
     *
     * @throws IllegalArgumentException for an empty list, a missing '=', an unknown partition name,
     *     a size that is not a whole non-negative number, or a partition named twice; the message
     *     names the offending item and the valid partition names
     */
    public static Map<PartitionRole, Long> parse(String text) {
        Map<PartitionRole, Long> sizes = new EnumMap<>(PartitionRole.class);
        if (text.isBlank()) {
            throw new IllegalArgumentException("no partition sizes given: use NAME=MiB,... with NAME one of " + VALID);
        }
        for (String item : text.split(",", -1)) {
            String[] nameAndSize = item.split("=", -1);
            if (nameAndSize.length != 2) {
                throw new IllegalArgumentException("'" + item.strip() + "' is not NAME=MiB (e.g. state=8192); NAME is one of " + VALID);
            }
            String name = nameAndSize[0].strip();
            PartitionRole role = PartitionRole.sizable(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown partition '" + name + "' in '" + item.strip() + "': valid names are " + VALID));
            if (sizes.put(role, mib(name, nameAndSize[1].strip())) != null) {
                throw new IllegalArgumentException("partition '" + name + "' is given twice; give each of " + VALID + " at most once");
            }
        }
        return Collections.unmodifiableMap(sizes);
    }

    private static long mib(String name, String size) {
        long mib;
        try {
            mib = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size of " + name + " must be a whole number of MiB, got '" + size + "'");
        }
        if (mib < 0) {
            throw new IllegalArgumentException("size of " + name + " must not be negative, got " + mib + " (0 means the rest of the disk)");
        }
        return mib;
    }
}
