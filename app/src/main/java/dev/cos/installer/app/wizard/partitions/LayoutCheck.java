package dev.cos.installer.app.wizard.partitions;

import dev.cos.installer.app.Messages;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.layout.LayoutRequest;
import dev.cos.installer.layout.LayoutResult;
import dev.cos.installer.layout.PartitionPlan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The partition page's rules: the sizes as typed -> the engine's own planner (pure, in process) ->
 * a plan, or problems that name what is wrong and the fix. Pure.
 */
final class LayoutCheck {

    /** The partitions a person may size here; PERSISTENT takes the rest of the disk. */
    static final List<PartitionRole> SIZABLE = List.of(PartitionRole.OEM, PartitionRole.RECOVERY, PartitionRole.STATE);

    /** A disk far larger than any real one: the planner's minimum does not depend on the disk. */
    private static final ByteSize HUGE_DISK = ByteSize.ofGiB(1L << 20);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    /**
     * The outcome.
     *
     * @param plan the layout when the planner accepts the sizes
     * @param problems what to fix, for people; empty exactly when {@code plan} is present
     * @param requestedMiB the sizes typed that are whole numbers at or above their minimum
     * @param defaultsMiB what each sizable partition gets when its field is empty
     * @param minimumDiskBytes the smallest disk this layout fits; empty when the sizes cannot be read
     * @param systemImageMiB the size of active.img and passive.img the layout is made for
     */
    record Outcome(Optional<PartitionPlan> plan, List<String> problems, Map<PartitionRole, Long> requestedMiB,
            Map<PartitionRole, Long> defaultsMiB, Optional<Long> minimumDiskBytes, long systemImageMiB) {}

    private final LayoutPlanner planner = new LayoutPlanner();

    /**
     * @param diskBytes the disk or image file size
     * @param treeBytes the size of the tree the images are built from
     * @param typed the size fields as typed, by role (blank = the planner's default)
     * @param targetName how to name the target in a message ("the disk", "the image file")
     */
    Outcome check(long diskBytes, Firmware firmware, long treeBytes, Map<PartitionRole, String> typed, String targetName) {
        LayoutRequest defaults = request(diskBytes, firmware, treeBytes, Map.of());
        Map<PartitionRole, Long> minimum = planner.minimumSizesMiB(defaults);
        long systemMiB = LayoutPlanner.systemImageMiB(defaults);
        Map<PartitionRole, Long> defaultsMiB = defaultSizes(defaults);
        List<String> problems = new ArrayList<>();
        Map<PartitionRole, Long> requested = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : SIZABLE) {
            String text = typed.getOrDefault(role, "").strip();
            if (text.isEmpty()) {
                continue;
            }
            String label = role.defaultLabel().orElse(role.gptName());
            if (!WHOLE_NUMBER.matcher(text).matches()) {
                problems.add(Messages.get("partitions.problem.not-a-number", label, text, defaultsMiB.get(role)));
                continue;
            }
            long mib = Long.parseLong(text);
            long need = minimum.get(role);
            if (mib < need) {
                problems.add(switch (role) {
                    case STATE -> Messages.get("partitions.problem.state-too-small", label, mib, need, systemMiB);
                    case RECOVERY -> Messages.get("partitions.problem.recovery-too-small", label, mib, need);
                    default -> Messages.get("partitions.problem.too-small", label, mib, need, defaultsMiB.get(role));
                });
                continue;
            }
            requested.put(role, mib);
        }
        if (!problems.isEmpty()) {
            return new Outcome(Optional.empty(), problems, requested, defaultsMiB, Optional.empty(), systemMiB);
        }
        Optional<Long> minimumDisk = planned(request(HUGE_DISK.bytes(), firmware, treeBytes, requested))
                .map(p -> p.minimumDiskSize().bytes());
        LayoutResult result = planner.plan(request(diskBytes, firmware, treeBytes, requested));
        if (result instanceof LayoutResult.Planned planned) {
            return new Outcome(Optional.of(planned.plan()), List.of(), requested, defaultsMiB, minimumDisk, systemMiB);
        }
        for (LayoutResult.Problem problem : ((LayoutResult.Refused) result).problems()) {
            problems.add(problem.code() == dev.cos.installer.error.ErrorCode.TARGET_TOO_SMALL && minimumDisk.isPresent()
                    ? Messages.get(requested.isEmpty() ? "partitions.problem.disk-too-small" : "partitions.problem.sizes-too-big",
                            targetName, ByteSize.ofBytes(diskBytes).human(), ByteSize.ofBytes(minimumDisk.get()).human())
                    : problem.message());
        }
        return new Outcome(Optional.empty(), problems, requested, defaultsMiB, minimumDisk, systemMiB);
    }

    /** What each sizable partition gets on this disk when left empty (scaled down on a small disk). */
    private Map<PartitionRole, Long> defaultSizes(LayoutRequest defaults) {
        Map<PartitionRole, Long> sizes = new EnumMap<>(PartitionRole.class);
        Optional<PartitionPlan> plan = planned(defaults).or(() -> planned(new LayoutRequest(HUGE_DISK, defaults.firmware(),
                Map.of(), Map.of(), defaults.treeSize(), Optional.empty(), defaults.recoveryIsSquashfs())));
        for (PartitionRole role : SIZABLE) {
            sizes.put(role, plan.map(p -> p.get(role).sizeMiB()).orElse(role.defaultSizeMiB()));
        }
        return sizes;
    }

    private Optional<PartitionPlan> planned(LayoutRequest request) {
        return planner.plan(request) instanceof LayoutResult.Planned planned ? Optional.of(planned.plan()) : Optional.empty();
    }

    /** The request the engine makes for these answers (InstallPreflight): default labels, squashfs recovery. */
    static LayoutRequest request(long diskBytes, Firmware firmware, long treeBytes, Map<PartitionRole, Long> sizesMiB) {
        return new LayoutRequest(ByteSize.ofBytes(diskBytes), firmware, sizesMiB, Map.of(), ByteSize.ofBytes(treeBytes),
                Optional.empty(), true);
    }
}
