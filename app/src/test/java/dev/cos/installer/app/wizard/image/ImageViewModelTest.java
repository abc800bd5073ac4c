package dev.cos.installer.app.wizard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.fx.Background;
import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageViewModelTest {

    private static final SourceInfo DEMO = new SourceInfo("dir:///cache/demo/1.0", "cOS demo 1.0", "1.0", 12_668_776,
            13_844_328, "sha256:7d7ee175f05594bdf018bd35064b3d725ef2393d83ab9a97f1fa7c708d37497f");
    private static final SourceInfo TAR = new SourceInfo("file:///srv/rootfs.tar.xz", "", "", 3 * 1024 * 1024,
            9 * 1024 * 1024, "sha256:00ff");

    private final FakeEngine engine = new FakeEngine();
    private final WizardModel model = new WizardModel(Path.of("/home/a/cos.img"));

    private ImageViewModel viewModel(Background background) {
        return new ImageViewModel(new WizardContext(model, engine, background, page -> { }, new FakeDialogService()));
    }

    @Test
    void theDemoImageIsInspectedOnEnterAndEnablesNext() {
        engine.sourceInfo = DEMO;
        ImageViewModel vm = viewModel(new SameThreadBackground());
        assertFalse(vm.complete().get(), "nothing known before the engine answered");

        vm.onEnter();

        assertEquals(List.of("inspect <demo>"), engine.calls);
        assertTrue(vm.complete().get());
        assertEquals("cOS demo 1.0", vm.name().get());
        assertEquals("1.0", vm.version().get());
        assertEquals("12.1 MiB (13.2 MiB unpacked)", vm.size().get());
        assertEquals(DEMO.digest(), vm.digest().get());
        assertEquals(Optional.empty(), model.source().get(), "empty = the bundled demo image");
        assertEquals(DEMO, model.sourceInfo().get());
    }

    @Test
    void comingBackDoesNotReadTheImageAgain() {
        engine.sourceInfo = DEMO;
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();
        vm.onEnter();

        assertEquals(List.of("inspect <demo>"), engine.calls);
    }

    @Test
    void progressFollowsTheVerifyEventsWhileTheEngineReads() {
        engine.sourceInfo = DEMO;
        DeferredBackground background = new DeferredBackground();
        ImageViewModel vm = viewModel(background);
        vm.onEnter();
        assertTrue(vm.inspecting().get());
        assertEquals(ImageViewModel.UNKNOWN_PROGRESS, vm.progress().get());
        assertFalse(vm.complete().get(), "Next waits for the digest");
        List<Double> seen = new java.util.ArrayList<>();
        vm.progress().addListener((obs, old, now) -> seen.add(now.doubleValue()));

        background.complete(0);

        assertEquals(List.of(0.5, 1.0), seen);
        assertFalse(vm.inspecting().get());
        assertTrue(vm.complete().get());
    }

    @Test
    void anotherImageIsInspectedAndBecomesTheSource() {
        engine.sourceInfo = DEMO;
        engine.sourceInfoBySource.put("/srv/rootfs.tar.xz", TAR);
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        vm.chooseOther(Path.of("/srv/rootfs.tar.xz"));

        assertEquals(ImageViewModel.Choice.OTHER, vm.choice().get());
        assertEquals(List.of("inspect <demo>", "inspect /srv/rootfs.tar.xz"), engine.calls);
        assertEquals(Optional.of("/srv/rootfs.tar.xz"), model.source().get());
        assertEquals(TAR, model.sourceInfo().get());
        assertEquals("unknown", vm.name().get(), "no os-release: said so, not left blank");
        assertTrue(vm.complete().get());
    }

    @Test
    void choosingOtherWithoutAPathDisablesNextUntilOneIsGiven() {
        engine.sourceInfo = DEMO;
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        vm.choice().set(ImageViewModel.Choice.OTHER);

        assertFalse(vm.complete().get());
        assertNull(model.sourceInfo().get());
        vm.choice().set(ImageViewModel.Choice.DEMO);
        assertTrue(vm.complete().get(), "back to the demo: its answer again");
    }

    @Test
    void anAnswerForAnEarlierChoiceIsIgnored() {
        engine.sourceInfo = DEMO;
        engine.sourceInfoBySource.put("/srv/rootfs.tar.xz", TAR);
        DeferredBackground background = new DeferredBackground();
        ImageViewModel vm = viewModel(background);
        vm.onEnter();
        vm.chooseOther(Path.of("/srv/rootfs.tar.xz"));
        assertEquals(2, background.pending());

        background.complete(1);
        background.complete(0); // the demo's answer arrives last: stale

        assertEquals(TAR, vm.info().get());
        assertEquals(TAR, model.sourceInfo().get());
        assertEquals(Optional.of("/srv/rootfs.tar.xz"), model.source().get());
        assertTrue(vm.complete().get());
    }

    @Test
    void staleProgressDoesNotMoveTheBar() {
        engine.sourceInfo = DEMO;
        engine.sourceInfoBySource.put("/srv/rootfs.tar.xz", TAR);
        DeferredBackground background = new DeferredBackground();
        ImageViewModel vm = viewModel(background);
        vm.onEnter();
        vm.chooseOther(Path.of("/srv/rootfs.tar.xz"));

        background.complete(0); // the demo's events and answer, now stale

        assertEquals(ImageViewModel.UNKNOWN_PROGRESS, vm.progress().get());
        assertTrue(vm.inspecting().get(), "still waiting for the tar archive");
        assertNull(vm.info().get());
    }

    @Test
    void aRefusalShowsTheEnginesMessageAndKeepsNextDisabled() {
        engine.sourceInfo = DEMO;
        engine.inspectFailureBySource.put("/srv/notes.txt", new EngineException("SOURCE", 50,
                "source /srv/notes.txt is not in a format the installer reads", "details"));
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        vm.chooseOther("/srv/notes.txt");

        assertEquals("source /srv/notes.txt is not in a format the installer reads", vm.error().get());
        assertFalse(vm.complete().get());
        assertNull(model.sourceInfo().get());
        vm.choice().set(ImageViewModel.Choice.DEMO);
        assertEquals("", vm.error().get(), "the refusal was about the other image");
        assertTrue(vm.complete().get());
    }

    @Test
    void aRefusedImageIsAskedAgainWhenChosenAgain() {
        engine.inspectFailureBySource.put("/srv/root.img", new EngineException("SOURCE", 50, "cannot read", ""));
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.chooseOther("/srv/root.img");
        engine.inspectFailureBySource.clear();
        engine.sourceInfo = TAR;

        vm.chooseOther("/srv/root.img");

        assertEquals(List.of("inspect /srv/root.img", "inspect /srv/root.img"), engine.calls);
        assertTrue(vm.complete().get());
    }

    private static final String URL = "https://lab.example.org/cos/nightly.squashfs";
    private static final String NO_DIGEST = URL + " has no digest: add #sha256=<hex> to the URL or publish " + URL
            + ".sha256; or pass --allow-unverified to install it unverified (for a source set in config.yaml:"
            + " allow-unverified: true next to it)";

    @Test
    void aUrlIsInspectedAsTypedAndWithoutADigestItIsRefusedUntilThePersonAllowsItUnverified() {
        engine.inspectFailureBySource.put(URL, new EngineException("SOURCE", 65, NO_DIGEST, ""));
        engine.sourceInfoBySource.put(URL, new SourceInfo(URL, "cOS nightly", "2.1", 3 << 20, 9 << 20, "sha256:00ff", true));
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        vm.chooseOther("  " + URL + " ");

        assertTrue(vm.remote().get(), "the opt-out applies to a URL");
        assertEquals(NO_DIGEST, vm.error().get());
        assertFalse(vm.complete().get());
        assertEquals("", vm.unverified().get());

        vm.allowUnverified().set(true);

        assertEquals(List.of("inspect <demo>", "inspect " + URL, "inspect --allow-unverified " + URL), engine.calls);
        assertTrue(vm.complete().get());
        assertEquals("Unverified image: " + URL + " publishes no digest, so nothing checks that this is the image its"
                + " publisher meant or that it arrived undamaged. Install it only if you trust this server and the network"
                + " to it.", vm.unverified().get());
        assertEquals(Optional.of(URL), model.source().get());
        assertTrue(model.allowUnverified().get(), "the install gets --allow-unverified");

        vm.allowUnverified().set(false);
        assertEquals(NO_DIGEST, vm.error().get());
        assertEquals("", vm.unverified().get());
        assertFalse(model.allowUnverified().get());
    }

    @Test
    void theOptOutIsNeverPassedForALocalPath() {
        engine.sourceInfoBySource.put("/srv/rootfs.tar.xz", TAR);
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.allowUnverified().set(true);
        vm.chooseOther(Path.of("/srv/rootfs.tar.xz"));

        assertFalse(vm.remote().get());
        assertEquals(List.of("inspect /srv/rootfs.tar.xz"), engine.calls);
        assertFalse(model.allowUnverified().get());
        assertEquals("", vm.unverified().get());
    }

    @Test
    void anOciArchiveGoesThroughTheRegistryChoiceAndIsInstalledByItsPinnedDigest() {
        String archive = "oci-archive:/srv/cos-1.1.tar:1.1";
        String digest = "sha256:" + "5e".repeat(32);
        dev.cos.installer.api.ContainerImage image = new dev.cos.installer.api.ContainerImage(archive + "@" + digest,
                "oci-archive:/srv/cos-1.1.tar@" + digest, "1.1", digest, digest, "linux/amd64", 300L << 20, "",
                java.util.Map.of(), dev.cos.installer.api.ContainerImage.NOT_CHECKED, "");
        engine.sourceInfo = DEMO;
        engine.sourceInfoBySource.put(archive, new SourceInfo(image.pinned(), "cOS 1.1", "1.1", 300L << 20, 900L << 20,
                digest, false, image));
        ImageViewModel vm = viewModel(new SameThreadBackground());
        vm.onEnter();

        vm.choice().set(ImageViewModel.Choice.REGISTRY);
        assertFalse(vm.complete().get(), "nothing checked yet");
        assertEquals(List.of("inspect <demo>"), engine.calls, "choosing the registry asks nothing before Check");
        vm.reference().set(archive);
        vm.checkReference();

        assertEquals(List.of("inspect <demo>", "inspect --no-pull " + archive), engine.calls, "no layer downloaded to check");
        assertEquals(Optional.of(archive + "@" + digest), model.source().get(), "the install names the digest");
        assertEquals("Not checked (signature verification is off)", vm.container().get().signature());
        assertEquals("unknown", vm.container().get().created(), "no creation time in the image: said so");
        assertEquals("none", vm.container().get().labelLines());
        assertTrue(vm.complete().get());
    }

    @Test
    void theConfigsContainerSourceFillsTheReferenceAndOtherKindsAreNotSuggested() {
        model.configuredSources().setAll(List.of("dir:///srv/tree", "docker:cos/system:2.0"));
        ImageViewModel vm = viewModel(new SameThreadBackground());

        assertEquals(List.of("docker:cos/system:2.0"), vm.suggestions());
        assertEquals("docker:cos/system:2.0", vm.reference().get());
    }
}
