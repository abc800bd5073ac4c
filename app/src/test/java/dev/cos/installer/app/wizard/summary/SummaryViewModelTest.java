package dev.cos.installer.app.wizard.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.fx.Background;
import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SummaryViewModelTest {

    private static final SourceInfo DEMO = new SourceInfo("dir:///root/.cache/cos-installer/demo-image/trees/1.0-d55edb494c13daa7",
            "cOS demo 1.0", "1.0", 12_668_776, 13_844_328,
            "sha256:7d7ee175f05594bdf018bd35064b3d725ef2393d83ab9a97f1fa7c708d37497f");

    private final FakeEngine engine = new FakeEngine();
    private final WizardModel model = new WizardModel(Path.of("/home/a/cos.img"));

    private SummaryViewModel viewModel(Background background) {
        model.sourceInfo().set(DEMO);
        return new SummaryViewModel(new WizardContext(model, engine, background, page -> { }, new FakeDialogService()));
    }

    private void onDisk() {
        DiskList disks = Fixtures.disks("disks-loop.json");
        model.disks().set(disks);
        model.target().set(new TargetChoice.Disk(disks.disks().get(0)));
        engine.plan = Fixtures.plan("plan-16g-disk.json");
    }

    private void onNewFile() {
        model.target().set(new TargetChoice.ImageFile(Path.of("/tmp/fixture-plan.img"), 8L << 30));
        engine.plan = Fixtures.plan("plan-8g-image.json");
    }

    @Test
    void installStaysDisabledUntilThePlanIsLoadedAndThePersonTicks() {
        onDisk();
        DeferredBackground background = new DeferredBackground();
        SummaryViewModel vm = viewModel(background);
        vm.onEnter();
        assertTrue(vm.loading().get());
        vm.acknowledged().set(true);
        assertFalse(vm.complete().get(), "no plan yet");

        background.complete(0);

        assertTrue(vm.complete().get());
        vm.acknowledged().set(false);
        assertFalse(vm.complete().get());
    }

    @Test
    void theNextButtonNamesTheDiskAndIsDestructive() {
        onDisk();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        assertTrue(vm.nextIsDestructive());
        assertEquals("Erase /dev/loop0 and _install", vm.nextLabel().get());
        assertEquals("I _understand that all data on /dev/loop0 will be erased", vm.acknowledgeLabel().get());
        assertEquals(model.plan().get(), vm.plan().get());
        assertEquals("plan", engine.calls.get(0));
        assertEquals(model.toRequest(), engine.requests.get(0));
    }

    @Test
    void everyVisitAsksAgainAndClearsTheTick() {
        onDisk();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();
        vm.acknowledged().set(true);
        assertTrue(vm.complete().get());

        vm.onEnter(); // Back and Next again, or Retry after a failed install

        assertFalse(vm.acknowledged().get());
        assertFalse(vm.complete().get());
        assertEquals(2, engine.calls.stream().filter("plan"::equals).count());
    }

    @Test
    void aRefusedPlanShowsTheEnginesMessageAndInstallStaysDisabled() {
        onDisk();
        engine.plan = null;
        engine.failure = new EngineException("DISK_TOO_SMALL", 41, "/dev/loop0 is 3.0 GiB, less than the 4.0 GiB needed", "");
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();
        vm.acknowledged().set(true);

        assertEquals("/dev/loop0 is 3.0 GiB, less than the 4.0 GiB needed", vm.error().get());
        assertFalse(vm.complete().get());
        assertNull(model.plan().get());
    }

    @Test
    void aStalePlanIsIgnored() {
        onDisk();
        DeferredBackground background = new DeferredBackground();
        SummaryViewModel vm = viewModel(background);
        vm.onEnter();
        InstallPlan first = engine.plan;
        engine.plan = Fixtures.plan("plan-8g-image.json");
        vm.onEnter();

        background.complete(1);
        background.complete(0);

        assertEquals("new_file", vm.plan().get().targetKind(), "the later answer stands");
        assertEquals(vm.plan().get(), model.plan().get());
        assertFalse(first.equals(vm.plan().get()));
    }

    @Test
    void wordsForADisk() {
        onDisk();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        assertEquals("Creates 5 partitions on /dev/loop0, writes the image cOS demo 1.0 as active and passive system"
                + " (270 MiB each) on COS_STATE, the recovery image (squashfs, 48 MiB) on COS_RECOVERY, and installs GRUB"
                + " for UEFI.", vm.words().get());
        assertEquals("/dev/loop0 (16.0 GiB)", vm.target().get());
        assertEquals("UEFI", vm.firmware().get());
        assertEquals(DEMO.digest(), vm.digest().get());
    }

    @Test
    void theWarningNamesTheDiskAndEveryPartitionThatIsLost() {
        onDisk();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        assertEquals("All data on /dev/loop0 will be erased: its partitions /dev/loop0p1 (EFI, vfat, 512 MiB),"
                + " /dev/loop0p2 (rootfs, ext4, 4.0 GiB), /dev/loop0p3 (home, ext4, 11.5 GiB) will be lost.", vm.warning().get());
    }

    @Test
    void aNewImageFileIsCreatedAndNothingIsLost() {
        onNewFile();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        assertEquals("Create fixture-plan.img and _install", vm.nextLabel().get());
        assertEquals("Creates /tmp/fixture-plan.img; nothing else is changed.", vm.warning().get());
        assertTrue(vm.words().get().startsWith("Creates the disk image file /tmp/fixture-plan.img with 6 partitions,"),
                vm.words().get());
        assertTrue(vm.words().get().endsWith("installs GRUB for UEFI and BIOS."), vm.words().get());
        assertEquals("new disk image file /tmp/fixture-plan.img (8.0 GiB)", vm.target().get());
    }

    @Test
    void anExistingImageFileIsOverwritten() {
        model.target().set(new TargetChoice.ImageFile(Path.of("/tmp/pb-exp/existing.img"), 8L << 30));
        engine.plan = Fixtures.plan("plan-8g-existing-image.json");
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        assertEquals("Overwrite existing.img and _install", vm.nextLabel().get());
        assertEquals("I _understand that /tmp/pb-exp/existing.img will be overwritten", vm.acknowledgeLabel().get());
        assertEquals("/tmp/pb-exp/existing.img already exists and will be overwritten: everything in it will be lost.",
                vm.warning().get());
        assertTrue(vm.words().get().startsWith("Overwrites the disk image file /tmp/pb-exp/existing.img with 6 partitions,"),
                vm.words().get());
    }

    @Test
    void theExactCommandsAreThePlansOperationsInOrder() {
        onNewFile();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        InstallPlan plan = engine.plan;
        assertEquals("Exact commands (" + plan.operations().size() + ")", vm.commandsTitle().get());
        String[] lines = vm.commands().get().split("\n");
        assertEquals(plan.operations().size(), lines.length);
        assertEquals("truncate --size 8589934592 /tmp/fixture-plan.img", lines[0]);
        assertTrue(vm.commands().get().contains("\n(file) write COS_STATE:/grub2/grub.cfg\n"));
        assertEquals("losetup --detach /dev/loopN", lines[lines.length - 1]);
    }

    @Test
    void anUnverifiedImageIsSaidOnTheSummaryAndOnlyThen() {
        onDisk();
        SummaryViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();
        assertEquals("", vm.unverified().get(), "the demo image needs no warning");

        String url = "http://lab.example.org/cos/nightly.squashfs";
        model.sourceInfo().set(new SourceInfo(url, "cOS nightly", "2.1", 1, 1, "sha256:00ff", true));
        model.source().set(java.util.Optional.of(url));
        model.allowUnverified().set(true);
        vm.onEnter();

        assertEquals("Unverified image: " + url + " publishes no digest, so nothing checks that the image being installed"
                + " is the one its publisher meant or that it arrived undamaged. You allowed this on the image page.",
                vm.unverified().get());
        assertTrue(model.toRequest().arguments().contains("--allow-unverified"), model.toRequest().arguments().toString());
    }
}
