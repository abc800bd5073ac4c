package dev.cos.installer.layout;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.LayoutResult.Problem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure: disk size + request -> GPT layout (spec section 1). Every partition is 1 MiB aligned; the
 * first starts at 1 MiB (after the primary GPT) and the last ends at least 1 MiB before the end of
 * the disk (room for the backup GPT). Exactly one partition takes the rest of the disk.
 *
 * <p>Sizing: the spec defaults when the disk holds them (grown when the image needs more); on a
 * smaller disk STATE and RECOVERY are scaled from the image size (STATE 3.5 x the system image for
 * active + passive + an upgrade's transition image, RECOVERY 2.5 x the recovery image). A disk too
 * small even for that is refused with the minimum.
 */
public final class LayoutPlanner {

    static final long HEAD_MIB = 1;
    static final long TAIL_MIB = 1;
    /** Image size = tree + this headroom unless the user sets it (spec section 2). */
    public static final long IMAGE_HEADROOM_MIB = 256;
    static final double STATE_FACTOR = 3.5;
    static final double RECOVERY_FACTOR = 2.5;
    /** Smallest partition that takes the rest of the disk: room for a useful ext4. */
    public static final long MIN_FILL_MIB = 64;
    static final long MIN_OEM_MIB = 16;

    private static final List<PartitionRole> DISK_ORDER = List.of(PartitionRole.values());

    public LayoutResult plan(LayoutRequest request) {
        List<Problem> problems = new ArrayList<>();
        long treeMiB = request.treeSize().mibRoundedUp();
        long minimumSystemMiB = minimumSystemImageMiB(treeMiB);
        long systemMiB = systemImageMiB(request);
        if (systemMiB < minimumSystemMiB) {
            problems.add(new Problem(ErrorCode.LAYOUT, "the system image size of " + systemMiB
                    + " MiB cannot hold the source tree (" + treeMiB + " MiB): use at least "
                    + minimumSystemMiB + " MiB, or leave --system-size out"));
        }
        long recoveryImageMiB = recoveryImageMiB(request);
        Map<PartitionRole, Long> required = minimumSizesMiB(request);

        Map<PartitionRole, Long> requested = request.requestedSizesMiB();
        List<PartitionRole> fillRoles = requested.entrySet().stream()
                .filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().toList();
        PartitionRole fill;
        if (fillRoles.size() > 1) {
            problems.add(new Problem(ErrorCode.LAYOUT, "only one partition can take the rest of the disk (size 0), but "
                    + names(fillRoles) + " all ask for it: give all but one a size in MiB"));
            fill = fillRoles.get(0);
        } else if (fillRoles.size() == 1) {
            fill = fillRoles.get(0);
        } else if (!requested.containsKey(PartitionRole.PERSISTENT)) {
            fill = PartitionRole.PERSISTENT;
        } else {
            fill = null;
        }
        for (Map.Entry<PartitionRole, Long> entry : requested.entrySet()) {
            long size = entry.getValue();
            long need = required.get(entry.getKey());
            if (size != 0 && size < need) {
                problems.add(new Problem(ErrorCode.LAYOUT, tooSmallPartitionMessage(entry.getKey(), size, need,
                        systemMiB, recoveryImageMiB)));
            }
        }
        if (!problems.isEmpty()) {
            return new LayoutResult.Refused(problems);
        }

        ImageSizes images = new ImageSizes(request.treeSize(), ByteSize.ofMiB(systemMiB), ByteSize.ofMiB(recoveryImageMiB));
        Map<PartitionRole, Long> generous = sizes(request, required, fill, true);
        Map<PartitionRole, Long> compact = sizes(request, required, fill, false);
        long diskMiB = request.diskSize().mib();
        long minimumMiB = total(compact, fill, required);
        ByteSize minimum = ByteSize.ofMiB(minimumMiB);
        if (total(generous, fill, required) <= diskMiB) {
            return new LayoutResult.Planned(layout(request, generous, fill, diskMiB, images, minimum, false));
        }
        if (minimumMiB <= diskMiB) {
            return new LayoutResult.Planned(layout(request, compact, fill, diskMiB, images, minimum, true));
        }
        return new LayoutResult.Refused(List.of(new Problem(ErrorCode.TARGET_TOO_SMALL,
                "the target is " + request.diskSize().human() + " (" + diskMiB + " MiB) but this install needs at least "
                        + minimum.human() + " (" + minimumMiB + " MiB) for a " + systemMiB
                        + " MiB system image: use a larger disk, or a smaller image")));
    }

    /**
     * The smallest size in MiB each sizable partition (OEM, RECOVERY, STATE, PERSISTENT) may have for
     * this request's images: the bound {@link #plan} refuses below. Pure.
     */
    public Map<PartitionRole, Long> minimumSizesMiB(LayoutRequest request) {
        Map<PartitionRole, Long> required = new EnumMap<>(PartitionRole.class);
        required.put(PartitionRole.OEM, MIN_OEM_MIB);
        required.put(PartitionRole.RECOVERY, (long) Math.ceil(RECOVERY_FACTOR * recoveryImageMiB(request)));
        required.put(PartitionRole.STATE, (long) Math.ceil(STATE_FACTOR * systemImageMiB(request)));
        required.put(PartitionRole.PERSISTENT, MIN_FILL_MIB);
        return required;
    }

    /** active.img / passive.img size: as set, else tree + 256 MiB (spec), never less than mkfs.ext2 -d needs. */
    public static long systemImageMiB(LayoutRequest request) {
        long treeMiB = request.treeSize().mibRoundedUp();
        return request.systemSizeMiB().orElse(Math.max(treeMiB + IMAGE_HEADROOM_MIB, minimumSystemImageMiB(treeMiB)));
    }

    private static long recoveryImageMiB(LayoutRequest request) {
        return request.recoveryIsSquashfs() ? minimumSystemImageMiB(request.treeSize().mibRoundedUp()) : systemImageMiB(request);
    }

    /** The smallest ext2 image mkfs.ext2 -d fills with a tree of this size. */
    public static long minimumSystemImageMiB(long treeMiB) {
        return (long) Math.ceil(treeMiB * 1.1) + 32;
    }

    private static Map<PartitionRole, Long> sizes(LayoutRequest request, Map<PartitionRole, Long> required,
                                                  PartitionRole fill, boolean generous) {
        Map<PartitionRole, Long> sizes = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : DISK_ORDER) {
            if (!isPresent(role, request)) {
                continue;
            }
            long size;
            if (role == fill) {
                size = 0;
            } else if (request.requestedSizesMiB().containsKey(role)) {
                size = request.requestedSizesMiB().get(role);
            } else if (role == PartitionRole.STATE || role == PartitionRole.RECOVERY) {
                size = generous ? Math.max(role.defaultSizeMiB(), required.get(role)) : required.get(role);
            } else {
                size = role.defaultSizeMiB();
            }
            sizes.put(role, size);
        }
        return sizes;
    }

    private static boolean isPresent(PartitionRole role, LayoutRequest request) {
        return switch (role) {
            case BIOS -> request.firmware().needsBiosBootPartition();
            case EFI -> request.firmware().needsEfiPartition();
            default -> true;
        };
    }

    private static long total(Map<PartitionRole, Long> sizes, PartitionRole fill, Map<PartitionRole, Long> required) {
        long sum = HEAD_MIB + TAIL_MIB;
        for (Map.Entry<PartitionRole, Long> entry : sizes.entrySet()) {
            sum += entry.getKey() == fill ? required.get(fill) : entry.getValue();
        }
        return sum;
    }

    private static PartitionPlan layout(LayoutRequest request, Map<PartitionRole, Long> sizes, PartitionRole fill,
                                        long diskMiB, ImageSizes images, ByteSize minimum, boolean scaled) {
        long fixed = HEAD_MIB + TAIL_MIB + sizes.values().stream().mapToLong(Long::longValue).sum();
        List<PlannedPartition> partitions = new ArrayList<>();
        long start = HEAD_MIB;
        int number = 1;
        for (Map.Entry<PartitionRole, Long> entry : sizes.entrySet()) {
            PartitionRole role = entry.getKey();
            long size = role == fill ? diskMiB - fixed : entry.getValue();
            Optional<String> label = Optional.ofNullable(request.labels().get(role)).or(role::defaultLabel);
            partitions.add(new PlannedPartition(number++, role, start, size, label));
            start += size;
        }
        return new PartitionPlan(request.diskSize(), partitions, images, minimum, scaled);
    }

    private static String tooSmallPartitionMessage(PartitionRole role, long size, long need, long systemMiB, long recoveryMiB) {
        String why = switch (role) {
            case STATE -> "to hold active + passive + an upgrade's transition image (3.5 x " + systemMiB + " MiB)";
            case RECOVERY -> "to hold the recovery image and its upgrade (2.5 x " + recoveryMiB + " MiB)";
            default -> "to be usable";
        };
        return "the " + role.gptName() + " partition of " + size + " MiB is too small: it needs at least " + need
                + " MiB " + why + "; raise it with --part-size " + role.gptName() + "=" + need + " or leave it out";
    }

    private static String names(List<PartitionRole> roles) {
        return String.join(", ", roles.stream().map(PartitionRole::gptName).toList());
    }
}
