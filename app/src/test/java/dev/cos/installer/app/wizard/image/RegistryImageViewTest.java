package dev.cos.installer.app.wizard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.ContainerImage;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.testsupport.CutLabels;
import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.window.WizardView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The image page's "From a registry" choice in the wizard at 1024 x 600 (the live ISO's smallest
 * screen), over a fake engine answering inspect and plan as the real one does for a container image.
 */
@ExtendWith(ApplicationExtension.class)
class RegistryImageViewTest {

    static final String CONFIGURED = "oci:registry.example.org/cos/system:1.1";
    static final String DIGEST = "sha256:3f5a9c0e1b2d4f6a8c7e9d0b1a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
    static final String PINNED_REFERENCE = CONFIGURED + "@" + DIGEST;
    static final String MISSING = "oci:registry.example.org/cos/system:9.9";
    static final ContainerImage IMAGE = new ContainerImage(PINNED_REFERENCE, "oci:registry.example.org/cos/system@" + DIGEST,
            "1.1", DIGEST, DIGEST, "linux/amd64", 412L << 20, "2026-11-20T14:03:27Z",
            Map.of("org.opencontainers.image.version", "1.1", "org.opencontainers.image.title", "cOS system",
                    "org.opencontainers.image.source", "https://git.example.org/cos/system", "maintainer", "not shown"),
            ContainerImage.VERIFIED, "sha256:0123456789abcdef");
    /** As inspect --no-pull answers: the unpacked size is not known before the layers are pulled. */
    static final SourceInfo INFO = new SourceInfo(PINNED_REFERENCE, "cOS 1.1", "1.1", 412L << 20, 0, DIGEST, false, IMAGE);

    private final FakeEngine engine = new FakeEngine();
    private WizardModel model;
    private Wizard wizard;
    private Scene scene;

    @Start
    void start(Stage stage) {
        engine.sourceInfo = new SourceInfo("dir:///cache/demo/1.0", "cOS demo 1.0", "1.0", 12_668_776, 13_844_328,
                "sha256:" + "7d".repeat(32));
        engine.sourceInfoBySource.put(CONFIGURED, INFO);
        engine.inspectFailureBySource.put(MISSING, new EngineException("SOURCE", 50,
                "registry.example.org/cos/system has no tag 9.9: check the tag, or list the tags the registry has", ""));
        InstallPlan fixture = Fixtures.plan("plan-16g-disk.json");
        engine.plan = new InstallPlan(fixture.target(), fixture.targetKind(), fixture.diskBytes(), fixture.minimumDiskBytes(),
                fixture.sectorBytes(), fixture.firmware(), fixture.scaled(), fixture.partitions(), fixture.images(),
                new InstallPlan.Source(IMAGE.pinned(), DIGEST, IMAGE.compressedBytes(), 1180L << 20, IMAGE),
                fixture.upgradeCapacityMiB(), fixture.operations(), false);
        model = new WizardModel(Path.of("/home/a/cos.img"));
        DiskList disks = Fixtures.disks("disks-loop.json");
        model.disks().set(disks);
        model.target().set(new TargetChoice.Disk(disks.disks().get(0)));
        model.configuredSources().setAll(List.of("dir:///srv/not-a-container", CONFIGURED));
        wizard = Wizard.create(model, engine, new SameThreadBackground(), new FakeDialogService());
        scene = new Scene(new WizardView(wizard, () -> { }).root(), 1024, 600);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        wizard.frame().show(Page.IMAGE);
    }

    @Test
    void checkingTheConfiguredReferenceShowsThePinnedImageItsLabelsAndSignature(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> field = robot.lookup("#image-reference").queryAs(ComboBox.class);
        assertEquals(CONFIGURED, field.getEditor().getText(), "the config's container source is offered at once");
        assertEquals(List.of(CONFIGURED), field.getItems(), "only container sources are suggested");

        robot.clickOn("#image-registry");
        assertTrue(robot.lookup("#next").queryButton().isDisabled(), "nothing checked yet");
        robot.clickOn("#image-check");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(engine.calls.contains("inspect --no-pull " + CONFIGURED), engine.calls.toString());
        assertEquals("cOS 1.1", text(robot, "#image-name"));
        assertEquals("1.1", text(robot, "#image-version"));
        assertEquals("412 MiB to download", text(robot, "#image-size"));
        assertEquals(PINNED_REFERENCE, text(robot, "#image-reference-value"));
        assertEquals("sha256:3f5a9c0e1b2d\u2026", text(robot, "#image-pinned"));
        assertEquals(DIGEST, robot.lookup("#image-pinned").queryTextInputControl().getTooltip().getText(),
                "the full digest is there too");
        assertEquals("2026-11-20 14:03 UTC", text(robot, "#image-created"));
        assertEquals("source: https://git.example.org/cos/system\ntitle: cOS system\nversion: 1.1",
                robot.lookup("#image-labels").queryLabeled().getText());
        assertEquals("Signed by key sha256:0123456789abcdef", robot.lookup("#image-signature").queryLabeled().getText());
        assertFalse(robot.lookup("#image-digest").query().isVisible(), "one digest row for a container image");
        assertFalse(robot.lookup("#next").queryButton().isDisabled());
        assertEquals(Optional.of(PINNED_REFERENCE), model.source().get(), "the install will name the digest");
        Screenshots.save(scene, "wizard-image-registry-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));
        robot.interact(() -> Styles.apply(scene, "dark"));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "wizard-image-registry-dark");
    }

    @Test
    void aMissingTagShowsTheEnginesMessageOnThePage(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#image-registry");
        @SuppressWarnings("unchecked")
        ComboBox<String> field = robot.lookup("#image-reference").queryAs(ComboBox.class);
        robot.interact(() -> field.getEditor().clear());
        robot.clickOn(field.getEditor()).write(MISSING).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(engine.calls.contains("inspect --no-pull " + MISSING), engine.calls.toString());
        assertEquals("registry.example.org/cos/system has no tag 9.9: check the tag, or list the tags the registry has",
                robot.lookup("#image-error").queryLabeled().getText());
        assertTrue(robot.lookup("#image-error").queryLabeled().isVisible());
        assertTrue(robot.lookup("#next").queryButton().isDisabled());
        assertTrue(robot.lookup("#image-registry").queryAs(RadioButton.class).isSelected());
        Screenshots.save(scene, "wizard-image-registry-missing-tag-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));
    }

    @Test
    void theSummaryShowsThePinnedDigestAndTheInstallNamesItNotTheTag(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#image-registry");
        robot.clickOn("#image-check");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(DIGEST, text(robot, "#summary-digest"));
        assertTrue(robot.lookup("#summary-source").queryLabeled().getText().endsWith(PINNED_REFERENCE),
                robot.lookup("#summary-source").queryLabeled().getText());
        assertEquals("Signed by key sha256:0123456789abcdef", robot.lookup("#summary-signature").queryLabeled().getText());
        assertEquals(Optional.of(PINNED_REFERENCE), engine.requests.get(engine.requests.size() - 1).source(),
                "planned with the digest");
        Screenshots.save(scene, "wizard-summary-registry-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));

        robot.clickOn("#summary-acknowledge");
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(engine.calls.contains("install"), engine.calls.toString());
        assertEquals(Optional.of(PINNED_REFERENCE), engine.requests.get(engine.requests.size() - 1).source(),
                "installed with the digest, never the tag again");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryTextInputControl().getText();
    }
}
