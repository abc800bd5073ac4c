package dev.cos.installer.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayoutPlannerTest {

    private final LayoutPlanner planner = new LayoutPlanner();

    private static LayoutRequest request(ByteSize disk, Firmware firmware, Map<PartitionRole, Long> sizes, long treeMiB) {
        return new LayoutRequest(disk, firmware, sizes, Map.of(), ByteSize.ofMiB(treeMiB), Optional.empty(), true);
    }

    private PartitionPlan planned(LayoutRequest request) {
        LayoutResult result = planner.plan(request);
        return assertInstanceOf(LayoutResult.Planned.class, result, () -> result.toString()).plan();
    }

    private List<LayoutResult.Problem> refused(LayoutRequest request) {
        LayoutResult result = planner.plan(request);
        return assertInstanceOf(LayoutResult.Refused.class, result, () -> result.toString()).problems();
    }

    @Test
    void bigDiskGetsTheSpecDefaultsInSpecOrder() {
        PartitionPlan plan = planned(request(ByteSize.ofGiB(32), Firmware.HYBRID, Map.of(), 450));
        assertEquals(List.of("bios", "efi", "oem", "recovery", "state", "persistent"),
                plan.partitions().stream().map(PlannedPartition::gptName).toList());
        assertEquals(1, plan.get(PartitionRole.BIOS).sizeMiB());
        assertEquals(64, plan.get(PartitionRole.EFI).sizeMiB());
        assertEquals(64, plan.get(PartitionRole.OEM).sizeMiB());
        assertEquals(4096, plan.get(PartitionRole.RECOVERY).sizeMiB());
        assertEquals(8192, plan.get(PartitionRole.STATE).sizeMiB());
        assertFalse(plan.scaled());
        assertEquals(Optional.of("COS_STATE"), plan.get(PartitionRole.STATE).label());
        assertEquals(Optional.empty(), plan.get(PartitionRole.BIOS).label());
    }

    @Test
    void partitionsAreAlignedContiguousAndLeaveRoomForTheBackupGpt() {
        ByteSize disk = ByteSize.ofBytes(20L * ByteSize.GIB + 12345);
        PartitionPlan plan = planned(request(disk, Firmware.HYBRID, Map.of(), 450));
        long expectedStart = 1;
        for (PlannedPartition p : plan.partitions()) {
            assertEquals(expectedStart, p.startMiB(), "no gap or overlap before " + p.gptName());
            assertTrue(p.sizeMiB() > 0);
            expectedStart = p.endMiB();
        }
        assertEquals(disk.mib() - 1, expectedStart, "persistent fills up to 1 MiB before the end");
        assertEquals(2048, plan.partitions().get(0).startSector(512));
        assertEquals(256, plan.partitions().get(0).startSector(4096));
        assertEquals(4095, plan.partitions().get(0).endSector(512));
    }

    @ParameterizedTest
    @EnumSource(Firmware.class)
    void eachFirmwareGetsItsBootPartitions(Firmware firmware) {
        PartitionPlan plan = planned(request(ByteSize.ofGiB(32), firmware, Map.of(), 300));
        assertEquals(firmware != Firmware.EFI, plan.find(PartitionRole.BIOS).isPresent());
        assertEquals(firmware != Firmware.BIOS, plan.find(PartitionRole.EFI).isPresent());
        assertEquals(1, plan.partitions().get(0).number());
        assertEquals(plan.partitions().size(), plan.partitions().get(plan.partitions().size() - 1).number());
    }

    @Test
    void smallDiskScalesStateAndRecoveryFromTheImage() {
        PartitionPlan plan = planned(request(ByteSize.ofGiB(8), Firmware.HYBRID, Map.of(), 300));
        assertTrue(plan.scaled());
        long system = 300 + LayoutPlanner.IMAGE_HEADROOM_MIB;
        assertEquals(system, plan.images().systemImage().mib());
        assertEquals((long) Math.ceil(3.5 * system), plan.get(PartitionRole.STATE).sizeMiB());
        assertEquals((long) Math.ceil(2.5 * LayoutPlanner.minimumSystemImageMiB(300)), plan.get(PartitionRole.RECOVERY).sizeMiB());
        assertTrue(plan.get(PartitionRole.PERSISTENT).sizeMiB() > 3000, "the rest goes to persistent");
        assertTrue(plan.upgradeCapacity().mib() >= system, "an upgrade of the same size fits");
    }

    @Test
    void largeImageGrowsStateBeyondTheDefault() {
        PartitionPlan plan = planned(request(ByteSize.ofGiB(64), Firmware.EFI, Map.of(), 3000));
        long system = LayoutPlanner.minimumSystemImageMiB(3000);
        assertTrue(system > 3000 + LayoutPlanner.IMAGE_HEADROOM_MIB, "the tree needs more than the 256 MiB headroom");
        assertEquals(system, plan.images().systemImage().mib());
        assertEquals((long) Math.ceil(3.5 * system), plan.get(PartitionRole.STATE).sizeMiB());
    }

    @Test
    void tooSmallDiskIsRefusedWithBothNumbers() {
        LayoutRequest request = request(ByteSize.ofGiB(2), Firmware.HYBRID, Map.of(), 450);
        List<LayoutResult.Problem> problems = refused(request);
        assertEquals(1, problems.size());
        assertEquals(ErrorCode.TARGET_TOO_SMALL, problems.get(0).code());
        String message = problems.get(0).message();
        assertTrue(message.contains("2048 MiB"), message);
        long minimum = planner.plan(request(ByteSize.ofGiB(64), Firmware.HYBRID, Map.of(), 450)) instanceof LayoutResult.Planned p
                ? p.plan().minimumDiskSize().mib() : -1;
        assertTrue(message.contains("at least") && message.contains(minimum + " MiB"), message);
    }

    @Test
    void minimumDiskSizeIsExactlyEnough() {
        long minimum = planned(request(ByteSize.ofGiB(64), Firmware.HYBRID, Map.of(), 200)).minimumDiskSize().mib();
        planned(request(ByteSize.ofMiB(minimum), Firmware.HYBRID, Map.of(), 200));
        refused(request(ByteSize.ofMiB(minimum - 1), Firmware.HYBRID, Map.of(), 200));
    }

    @Test
    void explicitSizesAreHonoured() {
        PartitionPlan plan = planned(request(ByteSize.ofGiB(40), Firmware.EFI,
                Map.of(PartitionRole.OEM, 128L, PartitionRole.STATE, 10000L, PartitionRole.RECOVERY, 5000L), 450));
        assertEquals(128, plan.get(PartitionRole.OEM).sizeMiB());
        assertEquals(10000, plan.get(PartitionRole.STATE).sizeMiB());
        assertEquals(5000, plan.get(PartitionRole.RECOVERY).sizeMiB());
    }

    @Test
    void stateCanTakeTheRestWhenPersistentHasAFixedSize() {
        PartitionPlan plan = planned(request(ByteSize.ofGiB(40), Firmware.EFI,
                Map.of(PartitionRole.STATE, 0L, PartitionRole.PERSISTENT, 1024L), 450));
        assertEquals(1024, plan.get(PartitionRole.PERSISTENT).sizeMiB());
        assertEquals(40 * 1024 - 1 - 1 - 64 - 64 - 4096 - 1024, plan.get(PartitionRole.STATE).sizeMiB());
    }

    @Test
    void twoFillPartitionsAreRefused() {
        List<LayoutResult.Problem> problems = refused(request(ByteSize.ofGiB(40), Firmware.EFI,
                Map.of(PartitionRole.STATE, 0L, PartitionRole.PERSISTENT, 0L), 450));
        assertEquals(ErrorCode.LAYOUT, problems.get(0).code());
        assertTrue(problems.get(0).message().contains("state, persistent"), problems.get(0).message());
    }

    @Test
    void stateTooSmallForTheImagesIsRefusedWithTheNeed() {
        List<LayoutResult.Problem> problems = refused(request(ByteSize.ofGiB(40), Firmware.EFI,
                Map.of(PartitionRole.STATE, 1000L), 450));
        String message = problems.get(0).message();
        assertTrue(message.contains("state partition of 1000 MiB is too small") && message.contains("2471"), message);
    }

    @Test
    void systemSizeSmallerThanTheTreeIsRefused() {
        LayoutRequest request = new LayoutRequest(ByteSize.ofGiB(40), Firmware.EFI, Map.of(), Map.of(),
                ByteSize.ofMiB(450), Optional.of(100L), true);
        String message = refused(request).get(0).message();
        assertTrue(message.contains("100 MiB cannot hold the source tree (450 MiB)"), message);
    }

    @Test
    void customLabelsAreUsed() {
        LayoutRequest request = new LayoutRequest(ByteSize.ofGiB(40), Firmware.EFI, Map.of(),
                Map.of(PartitionRole.PERSISTENT, "MYDATA"), ByteSize.ofMiB(100), Optional.empty(), false);
        assertEquals(Optional.of("MYDATA"), planned(request).get(PartitionRole.PERSISTENT).label());
    }

    @Test
    void minimumSizesAreTheBoundsThePlannerRefusesBelow() {
        LayoutPlanner planner = new LayoutPlanner();
        LayoutRequest defaults = request(ByteSize.ofGiB(64), Firmware.HYBRID, Map.of(), 450);
        Map<PartitionRole, Long> minimum = planner.minimumSizesMiB(defaults);
        for (PartitionRole role : List.of(PartitionRole.OEM, PartitionRole.RECOVERY, PartitionRole.STATE)) {
            long need = minimum.get(role);
            planned(request(ByteSize.ofGiB(64), Firmware.HYBRID, Map.of(role, need), 450));
            List<LayoutResult.Problem> problems = refused(request(ByteSize.ofGiB(64), Firmware.HYBRID, Map.of(role, need - 1), 450));
            assertTrue(problems.get(0).message().contains("at least " + need + " MiB"), problems.toString());
        }
        assertEquals((long) Math.ceil(3.5 * LayoutPlanner.systemImageMiB(defaults)), minimum.get(PartitionRole.STATE));
    }
}
