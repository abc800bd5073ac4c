package dev.cos.installer.app.wizard.partitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.host.HostFacts;
import dev.cos.installer.app.testsupport.Contexts;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.widgets.PartitionBar.Segment;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel.FirmwareChoice;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.layout.LayoutResult;
import dev.cos.installer.layout.PartitionPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The partition preview: the layout, the size rules and their messages, and what goes into the model. */
class PartitionsViewModelTest {

    private final FakeEngine engine = new FakeEngine();
    private final WizardContext context = Contexts.of(engine, Path.of("/tmp/unused.img"));
    private final PartitionsViewModel vm = new PartitionsViewModel(context,
            () -> new HostFacts(OptionalLong.of(4 * ByteSize.GIB), Firmware.EFI));

    private void target(TargetChoice target) {
        context.model().target().set(target);
        vm.onEnter();
    }

    private static TargetChoice image(long bytes) {
        return new TargetChoice.ImageFile(Path.of("/tmp/cos.img"), bytes);
    }

    private static DiskList.Disk disk(String path) {
        return Fixtures.loops().disks().stream().filter(d -> d.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void anEightGibImageFileGetsExactlyTheLayoutTheEnginePlans() {
        target(image(8 * ByteSize.GIB));

        InstallPlan engine = Fixtures.plan8g();
        assertEquals(FirmwareChoice.HYBRID, vm.firmware().get(), "an image file boots on either firmware by default");
        assertEquals(engine.partitions().stream().map(p -> p.number() + " " + p.name() + " " + p.sizeMiB()).toList(),
                vm.rows().stream().map(r -> r.number() + " " + r.name() + " " + r.sizeMiB()).toList());
        assertEquals("COS_STATE holds active + passive + one upgrade of up to " + engine.upgradeCapacityMiB()
                + " MiB (the system image is 270 MiB).", vm.capacityText().get());
        assertEquals("This layout needs a disk of at least 1.2 GiB (" + engine.minimumDiskBytes() / ByteSize.MIB + " MiB).",
                vm.minimumText().get());
        assertEquals(new PartitionsViewModel.Row(5, "state", "COS_STATE", "ext4", 945, "945 MiB"), vm.rows().get(4));
        assertEquals(new PartitionsViewModel.Row(1, "bios", "—", "—", 1, "1 MiB"), vm.rows().get(0));
        assertTrue(vm.problems().isEmpty());
        assertTrue(vm.complete().get());
    }

    @Test
    void theDemoTreeSizeIsTheOneTheEngineInspects() {
        assertEquals(Fixtures.plan8g().source().treeBytes(), PartitionsViewModel.DEMO_TREE_BYTES);
    }

    @Test
    void aNewImageFileIsUnallocatedBeforeAndHasOneSegmentPerPartitionAfter() {
        target(image(8 * ByteSize.GIB));

        assertEquals(List.of(new Segment("free", "Unallocated (new file)", 8 * ByteSize.GIB, "")), vm.before());
        assertEquals(List.of("bios", "efi", "oem", "recovery", "state", "persistent"),
                vm.after().stream().map(Segment::role).toList());
        assertEquals(List.of("bios", "COS_GRUB", "COS_OEM", "COS_RECOVERY", "COS_STATE", "COS_PERSISTENT"),
                vm.after().stream().map(Segment::label).toList());
        assertEquals(945 * ByteSize.MIB, vm.after().get(4).sizeBytes());
    }

    @Test
    void aDiskShowsItsPartitionsBeforeAndGetsTheDetectedFirmware() {
        target(new TargetChoice.Disk(disk("/dev/loop0")));

        assertEquals(FirmwareChoice.EFI, vm.firmware().get());
        assertEquals(List.of("bios", "COS_GRUB", "COS_OEM", "COS_RECOVERY", "COS_STATE", "COS_PERSISTENT"),
                vm.before().stream().map(Segment::label).toList(), "the GPT's own 2 MiB is not shown as free space");
        assertEquals("state", vm.before().get(4).role());
        assertEquals(List.of("efi", "oem", "recovery", "state", "persistent"), vm.rows().stream().map(PartitionsViewModel.Row::name).toList(),
                "UEFI only: no BIOS boot partition");

        target(new TargetChoice.Disk(disk("/dev/loop1")));
        assertEquals(List.of(new Segment("free", "Free", 8 * ByteSize.GIB, "")), vm.before());
    }

    @Test
    void aFirmwareThePersonChoseIsKeptForTheSameTarget() {
        target(image(8 * ByteSize.GIB));
        vm.firmware().set(FirmwareChoice.BIOS);
        vm.onEnter();

        assertEquals(FirmwareChoice.BIOS, vm.firmware().get());
        assertEquals("bios", vm.rows().get(0).name());
        assertFalse(vm.rows().stream().anyMatch(r -> r.name().equals("efi")));
    }

    @Test
    void oemBelowItsMinimumNamesTheMinimumAndTheFix() {
        target(image(8 * ByteSize.GIB));

        vm.sizeText(PartitionRole.OEM).set("8");

        assertEquals(List.of("COS_OEM of 8 MiB is too small: it needs at least 16 MiB. Type 16 or more, or clear the field "
                + "for the default (64 MiB)."), vm.problems());
        assertFalse(vm.complete().get());
        assertTrue(vm.after().isEmpty());
        assertFalse(context.model().partSizesMiB().containsKey("oem"));
    }

    @Test
    void stateTooSmallForTheImagesSaysHowMuchTheyNeed() {
        target(image(8 * ByteSize.GIB));

        vm.sizeText(PartitionRole.STATE).set("500");

        long need = new LayoutPlanner().minimumSizesMiB(LayoutCheck.request(8 * ByteSize.GIB, Firmware.HYBRID,
                PartitionsViewModel.DEMO_TREE_BYTES, Map.of())).get(PartitionRole.STATE);
        assertEquals(945, need, "3.5 x the 270 MiB system image");
        assertEquals(List.of("COS_STATE of 500 MiB cannot hold the system images: active + passive + one upgrade need at least "
                + "945 MiB (3.5 x the 270 MiB image). Type 945 or more, or clear the field."), vm.problems());
        vm.sizeText(PartitionRole.STATE).set("945");
        assertTrue(vm.complete().get());
    }

    @Test
    void aBiggerSourceRaisesWhatStateNeeds() {
        context.model().sourceInfo().set(new SourceInfo("dir:///big", "Big OS", "1", 0, 2048 * ByteSize.MIB, "sha256:0"));
        target(image(8 * ByteSize.GIB));

        vm.sizeText(PartitionRole.STATE).set("945");

        assertTrue(vm.problems().get(0).startsWith("COS_STATE of 945 MiB cannot hold the system images"), vm.problems().toString());
    }

    @Test
    void textThatIsNotANumberIsRefusedWithAnExample() {
        target(image(8 * ByteSize.GIB));

        vm.sizeText(PartitionRole.RECOVERY).set("2G");

        assertEquals(List.of("COS_RECOVERY: \"2G\" is not a number. Type a whole number of MiB such as 120, or clear the "
                + "field for the default."), vm.problems());
        assertFalse(vm.complete().get());
    }

    @Test
    void recoveryTooSmallNamesItsMinimum() {
        target(image(8 * ByteSize.GIB));

        vm.sizeText(PartitionRole.RECOVERY).set("50");

        assertEquals(List.of("COS_RECOVERY of 50 MiB cannot hold the recovery image and its upgrade: it needs at least 120 MiB. "
                + "Type 120 or more, or clear the field."), vm.problems());
    }

    @Test
    void aTooSmallTargetNamesItsSizeAndTheMinimum() {
        target(image(ByteSize.GIB));

        assertEquals(List.of("the image file is 1.0 GiB but this installation needs at least 1.2 GiB: go Back and choose a "
                + "bigger disk or image file."), vm.problems());
        assertFalse(vm.complete().get());
        assertEquals("This layout needs a disk of at least 1.2 GiB (1260 MiB).", vm.minimumText().get());
        assertEquals("", vm.capacityText().get());
    }

    @Test
    void sizesThatDoNotFitTheDiskAskForSmallerOnes() {
        target(image(8 * ByteSize.GIB));

        // 1 + 64 + 64 (bios, efi, oem) + 120 (recovery) + 9000 + 64 (persistent at least) + 2 (GPT) = 9315 MiB.
        vm.sizeText(PartitionRole.STATE).set("9000");

        assertEquals(List.of("The sizes you typed need at least 9.1 GiB, but the image file is 8.0 GiB: make OEM, RECOVERY "
                + "or STATE smaller, or clear them for the defaults."), vm.problems());
    }

    @Test
    void validSizesGoToTheModelAndClearedOnesLeaveIt() {
        target(image(8 * ByteSize.GIB));

        vm.sizeText(PartitionRole.OEM).set("128");
        vm.sizeText(PartitionRole.STATE).set("2000");
        assertEquals(Map.of("oem", 128L, "state", 2000L), Map.copyOf(context.model().partSizesMiB()));
        assertEquals("--part-size", context.model().toRequest().arguments().get(6));
        assertEquals("oem=128,state=2000", context.model().toRequest().arguments().get(7));

        vm.sizeText(PartitionRole.OEM).set("");
        assertEquals(Map.of("state", 2000L), Map.copyOf(context.model().partSizesMiB()));
    }

    @Test
    void theCapacityLineIsWhatThePlannerSays() {
        target(image(8 * ByteSize.GIB));
        vm.sizeText(PartitionRole.STATE).set("2000");

        LayoutResult result = new LayoutPlanner().plan(LayoutCheck.request(8 * ByteSize.GIB, Firmware.HYBRID,
                PartitionsViewModel.DEMO_TREE_BYTES, Map.of(PartitionRole.STATE, 2000L)));
        PartitionPlan plan = ((LayoutResult.Planned) result).plan();
        assertEquals(2000 - 2 * 270, plan.upgradeCapacity().mib());
        assertEquals("COS_STATE holds active + passive + one upgrade of up to 1460 MiB (the system image is 270 MiB).",
                vm.capacityText().get());
    }

    @Test
    void theFieldsPromptWithTheSizesTheyDefaultTo() {
        target(new TargetChoice.Disk(disk("/dev/loop1")));

        assertEquals("64", vm.defaultText(PartitionRole.OEM).get());
        assertEquals("120", vm.defaultText(PartitionRole.RECOVERY).get(), "8 GiB is too small for the 4 GiB default: scaled");
        assertEquals("945", vm.defaultText(PartitionRole.STATE).get());
    }

    @Test
    void withoutATargetThereIsNothingToPlan() {
        vm.onEnter();

        assertFalse(vm.complete().get());
        assertEquals(List.of("Choose a disk or a disk image file first (Back)."), vm.problems());
    }
}
