package dev.cos.installer.disk;

import dev.cos.installer.model.ByteSize;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A partition the kernel knows on a disk. Text fields that a tool did not report are empty strings,
 * never null: {@code gptName} (the GPT partition name, "partlabel"), {@code gptTypeGuid} (upper case),
 * {@code fsType} and {@code fsLabel} (from {@code blkid -p}).
 *
 * @param mountpoints where the partition is mounted now, empty when it is not
 */
public record DiskPartition(
        int number,
        String path,
        ByteSize size,
        String gptName,
        String gptTypeGuid,
        String fsType,
        String fsLabel,
        List<String> mountpoints) {

    public DiskPartition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(gptName, "gptName");
        Objects.requireNonNull(gptTypeGuid, "gptTypeGuid");
        Objects.requireNonNull(fsType, "fsType");
        Objects.requireNonNull(fsLabel, "fsLabel");
        mountpoints = List.copyOf(mountpoints);
    }

    /**
     * The device node of partition {@code number} of {@code diskPath}: {@code /dev/sda2}, or
     * {@code /dev/nvme0n1p2} and {@code /dev/loop0p2} when the disk name ends in a digit.
     */
    public static String nodeFor(String diskPath, int number) {
        boolean endsInDigit = !diskPath.isEmpty() && Character.isDigit(diskPath.charAt(diskPath.length() - 1));
        return diskPath + (endsInDigit ? "p" : "") + number;
    }

    /** The partition number in a kernel partition name ({@code sda2} or {@code loop0p2} of disk {@code loop0}). */
    static OptionalInt numberIn(String diskName, String partitionName) {
        if (!partitionName.startsWith(diskName)) {
            return OptionalInt.empty();
        }
        String rest = partitionName.substring(diskName.length());
        boolean endsInDigit = !diskName.isEmpty() && Character.isDigit(diskName.charAt(diskName.length() - 1));
        if (endsInDigit) {
            if (!rest.startsWith("p")) {
                return OptionalInt.empty();
            }
            rest = rest.substring(1);
        }
        if (rest.isEmpty() || !rest.chars().allMatch(Character::isDigit) || rest.length() > 6) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(rest));
    }
}
