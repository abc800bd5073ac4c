package dev.cos.installer.app.wizard.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.testsupport.Contexts;
import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.model.ByteSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk page: which choices it offers, which it refuses and why, and what it sets as the target. */
class DiskViewModelTest {

    @TempDir
    Path home;

    private final FakeEngine engine = new FakeEngine();
    private WizardContext context;
    private Path defaultImage;

    @BeforeEach
    void setUp() {
        defaultImage = home.resolve(".local/share/cos-installer/cos-demo.img");
        context = Contexts.of(engine, defaultImage);
    }

    private DiskViewModel entered(DiskList disks) {
        engine.disks = disks;
        DiskViewModel vm = new DiskViewModel(context);
        vm.onEnter();
        return vm;
    }

    private static Map<String, DiskViewModel.Card> cards(DiskViewModel vm) {
        return vm.cards().stream().collect(Collectors.toMap(c -> c.disk().path(), c -> c));
    }

    @Test
    void withNoEligibleDiskTheImageFileIsChosenByDefault() {
        DiskViewModel vm = entered(Fixtures.vdaOnly());

        assertTrue(vm.imageFileSelected().get());
        TargetChoice.ImageFile target = assertInstanceOf(TargetChoice.ImageFile.class, context.model().target().get());
        assertEquals(defaultImage, target.file());
        assertEquals(8 * ByteSize.GIB, target.sizeBytes());
        assertEquals("8192M", target.sizeArgument());
        assertTrue(vm.complete().get(), "the default image file under a creatable folder is a valid choice");
    }

    @Test
    void browseChoosesTheImageFileInASaveDialogAndSelectsIt() {
        DiskViewModel vm = entered(Fixtures.vdaOnly());
        FakeDialogService dialogs = (FakeDialogService) context.dialogs();
        vm.browseImageFile();
        assertEquals(defaultImage.toString(), vm.imagePath().get(), "cancelled: the path stays");
        Path chosen = home.resolve("images/lab.img");
        dialogs.savingTo(chosen);
        vm.browseImageFile();
        assertEquals(chosen.toString(), vm.imagePath().get());
        assertTrue(vm.imageFileSelected().get());
        assertEquals(List.of("Save the disk image file as", "Save the disk image file as"), dialogs.asked);
    }

    @Test
    void withEligibleDisksNothingIsChosenUntilThePersonChooses() {
        DiskViewModel vm = entered(Fixtures.loops());

        assertFalse(vm.imageFileSelected().get());
        assertNull(context.model().target().get());
        assertFalse(vm.complete().get());

        DiskList.Disk loop1 = cards(vm).get("/dev/loop1").disk();
        vm.selectDisk(loop1);
        assertEquals(new TargetChoice.Disk(loop1), context.model().target().get());
        assertTrue(vm.complete().get());

        vm.selectImageFile();
        assertInstanceOf(TargetChoice.ImageFile.class, context.model().target().get());
        assertNull(vm.selectedDisk().get());
    }

    @Test
    void disksThatCannotBeUsedCarryTheEnginesReasonAndCannotBeChosen() {
        DiskViewModel vm = entered(Fixtures.loops());
        Map<String, DiskViewModel.Card> cards = cards(vm);

        assertEquals(List.of("/dev/loop2 is 1.0 GiB, less than the 4.0 GiB the installation needs: choose a bigger disk"),
                cards.get("/dev/loop2").reasons());
        assertEquals(List.of("/dev/loop3 is mounted at /tmp/pa-fix/mnt: unmount it first"), cards.get("/dev/loop3").reasons());
        assertEquals(List.of("/dev/loop4 is read-only: choose a writable disk"), cards.get("/dev/loop4").reasons());
        assertEquals(List.of("/dev/vda holds the running system (/ is on /dev/vda): choose another disk"),
                cards.get("/dev/vda").reasons());
        for (String path : List.of("/dev/loop2", "/dev/loop3", "/dev/loop4", "/dev/vda")) {
            assertFalse(cards.get(path).usable(), path);
            vm.selectDisk(cards.get(path).disk());
            assertNull(context.model().target().get(), path + " must not become the target");
        }
        assertTrue(cards.get("/dev/loop0").reasons().isEmpty());
    }

    @Test
    void aDiskWithCosPartitionsSaysInstallingReplacesIt() {
        Map<String, DiskViewModel.Card> cards = cards(entered(Fixtures.loops()));

        DiskViewModel.Card installed = cards.get("/dev/loop0");
        assertEquals("cOS is installed here: installing replaces it.", installed.cosWarning().orElseThrow());
        assertEquals("5  state  ext4  COS_STATE  945 MiB", installed.partitions().get(4));
        assertEquals("LOOP", installed.badge());
        assertEquals("Disk loop0", installed.title());
        assertTrue(cards.get("/dev/loop1").cosWarning().isEmpty());
        assertEquals(List.of("No partitions"), cards.get("/dev/loop1").partitions());
    }

    @Test
    void imageSizeMustBeASizeOfAtLeastTheEnginesMinimum() {
        DiskViewModel vm = entered(Fixtures.vdaOnly());

        vm.imageSize().set("abc");
        assertEquals("\"abc\" is not a size: enter e.g. 8G or 8192M.", vm.imageProblem().get());
        assertNull(context.model().target().get());
        assertFalse(vm.complete().get());

        vm.imageSize().set("2G");
        assertEquals("2.0 GiB is smaller than the 4.0 GiB an installation needs: enter at least 4G.", vm.imageProblem().get());
        assertFalse(vm.complete().get());

        vm.imageSize().set("12");
        assertEquals("", vm.imageProblem().get());
        assertEquals(12 * ByteSize.GIB, context.model().target().get().sizeBytes(), "a bare number is GiB");

        vm.imageSize().set("6144M");
        assertEquals(6 * ByteSize.GIB, context.model().target().get().sizeBytes());
        assertTrue(vm.complete().get());
    }

    @Test
    void imagePathMustBeAFullPathInAFolderThatExistsOrCanBeCreated() throws Exception {
        DiskViewModel vm = entered(Fixtures.vdaOnly());

        vm.imagePath().set("cos.img");
        assertEquals("\"cos.img\" is not a full path: enter a path that starts with /, such as /home/you/cos.img.",
                vm.imageProblem().get());
        assertFalse(vm.complete().get());

        vm.imagePath().set(home.toString());
        assertEquals(home + " is a folder: add a file name, e.g. " + home.resolve("cos.img") + ".", vm.imageProblem().get());

        Path file = Files.writeString(home.resolve("plain-file"), "x");
        vm.imagePath().set(file.resolve("sub/cos.img").toString());
        assertEquals("The folder " + file.resolve("sub") + " cannot be created because " + file + " is not a folder: choose another place.",
                vm.imageProblem().get());
        assertFalse(vm.complete().get());

        vm.imagePath().set(home.resolve("a/b/cos.img").toString());
        assertEquals("", vm.imageProblem().get());
        assertEquals(home.resolve("a/b/cos.img"), ((TargetChoice.ImageFile) context.model().target().get()).file());
        assertTrue(vm.complete().get());
    }

    @Test
    void anExistingImageFileIsInstalledOntoAsItIsKeepingItsSize() throws Exception {
        DiskViewModel vm = entered(Fixtures.vdaOnly());
        Path existing = home.resolve("old.img");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(existing.toFile(), "rw")) {
            file.setLength(8L << 30);
        }

        vm.imagePath().set(existing.toString());
        vm.imageSize().set("16G");

        assertEquals("", vm.imageProblem().get());
        assertEquals(existing + " exists already (8.0 GiB): installing erases it and keeps its size. "
                + "For another size, choose a new file name.", vm.imageNote().get());
        assertTrue(vm.complete().get());
        TargetChoice.ImageFile chosen = (TargetChoice.ImageFile) context.model().target().get();
        assertEquals(8L << 30, chosen.sizeBytes());
        assertTrue(context.model().toRequest().newImageSize().isEmpty(), "no --size for a file that exists: the engine refuses that");
    }

    @Test
    void anExistingFileTooSmallForAnInstallIsAProblem() throws Exception {
        DiskViewModel vm = entered(Fixtures.vdaOnly());
        Path existing = Files.writeString(home.resolve("notes.txt"), "keep me");

        vm.imagePath().set(existing.toString());

        assertEquals(existing + " exists and holds only 7 B, less than the 4.0 GiB an installation needs: "
                + "choose a new file name, or remove that file first.", vm.imageProblem().get());
        assertFalse(vm.complete().get());
    }

    @Test
    void refreshListsTheDisksAgainAndKeepsAChoiceThatIsStillThere() {
        DiskViewModel vm = entered(Fixtures.loops());
        vm.selectDisk(cards(vm).get("/dev/loop1").disk());
        assertEquals(List.of("disks"), engine.calls);

        vm.refresh();
        assertEquals(List.of("disks", "disks"), engine.calls);
        assertEquals("/dev/loop1", context.model().target().get().path());

        engine.disks = Fixtures.vdaOnly();
        vm.refresh();
        assertEquals(1, vm.cards().size());
        assertNull(vm.selectedDisk().get());
        assertTrue(vm.imageFileSelected().get(), "the disk is gone and none is left: the image file is chosen");
    }

    @Test
    void theWelcomePagesListingIsReusedWithoutAskingTheEngineAgain() {
        context.model().disks().set(Fixtures.loops());
        DiskViewModel vm = new DiskViewModel(context);
        vm.onEnter();

        assertEquals(6, vm.cards().size());
        assertTrue(engine.calls.isEmpty(), engine.calls.toString());
    }

    @Test
    void aFailedListingSaysWhyAndStillOffersTheImageFile() {
        DiskViewModel vm = entered(null);

        assertEquals("The disks could not be listed: fake failure", vm.loadError().get());
        assertTrue(vm.imageFileSelected().get());
        assertTrue(vm.complete().get());
    }
}
