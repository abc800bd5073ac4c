package dev.cos.installer.app.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.app.Styles;
import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.SecondLanguage;
import dev.cos.installer.repair.RepairAction;
import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The recovery screen in a second language (the test bundle messages_eo.properties): the engine's
 * finding, the repair action's title and the running step are shown in that language, made from the
 * codes and arguments the engine sends; what the bundle lacks stays in the engine's English.
 */
@ExtendWith(ApplicationExtension.class)
class EngineWordsOnScreenTest {

    /** The JSON as the CLI writes it (diagnose --json, repair --describe --json), read as the GUI reads it. */
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TempDir
    static Path dir;

    private SecondLanguage language;
    private final FakeEngine engine = new FakeEngine();
    private RecoveryViewModel viewModel;

    @Start
    void start(Stage stage) throws Exception {
        language = SecondLanguage.use();
        engine.repairCatalog = JSON.readValue(JSON.writeValueAsString(Map.of("actions", RepairAction.all())),
                RepairCatalog.class);
        viewModel = new RecoveryViewModel(engine, new SameThreadBackground(), SystemPower.systemctl(),
                new FakeDialogService().savingTo(dir.resolve("bundle.zip")), Optional.empty(),
                Optional.of(Path.of("/tmp/recov-words.img")));
        RecoveryView view = new RecoveryView(viewModel);
        Scene scene = new Scene((javafx.scene.Parent) view.root(), 1280, 800);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void restoreLocale() {
        language.close();
    }

    @Test
    void aFindingAnActionAndAStepAreShownInTheSecondLanguage(FxRobot robot) throws Exception {
        // The damaged-COS_OEM diagnosis, its finding as the engine now makes it (code + args beside the English).
        DiagnoseAnswer damaged = Fixtures.diagnosis("diagnose-oem-damaged.json");
        dev.cos.installer.repair.Diagnosis.Finding made = dev.cos.installer.repair.Diagnosis.Finding.of("error",
                Words.FINDING_PARTITION_ERRORS.with("COS_OEM", "oem", "Root inode is not a directory.  Clear? no"), "fsck");
        DiagnoseAnswer.Finding finding = JSON.readValue(JSON.writeValueAsString(made), DiagnoseAnswer.Finding.class);
        engine.diagnoses.add(new DiagnoseAnswer(damaged.booted(), false, List.of(finding), damaged.partitions(), damaged.images(),
                damaged.bootFiles(), damaged.envFiles(), damaged.stateFiles(), damaged.freeBytes(), damaged.boot()));
        robot.interact(viewModel::start);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(findings(robot).contains("\u2022 COS_OEM (oem) havas erarojn en la dosiersistemo: Root inode is not a"
                + " directory.  Clear? no"), findings(robot).toString());

        robot.clickOn("#action-fsck");
        assertEquals("Ripari la dosiersistemojn", robot.lookup("#confirm-title").queryAs(Label.class).getText());

        Phrase fsck = Words.STEP_FSCK.with();
        Phrase history = Words.STEP_REPAIR_HISTORY.with();
        engine.actionEvents = List.of(
                new Event.StepStarted("T", "fsck", fsck.english(), fsck.code(), fsck.args(), 1, 2),
                new Event.StepStarted("T", "history", history.english(), history.code(), history.args(), 2, 2),
                Event.Result.success(1200, Map.of()));
        // The line beside the progress bar while the repair runs: every text it showed.
        List<String> shown = new ArrayList<>();
        robot.lookup("#recovery-activity").queryAs(Label.class).textProperty()
                .addListener((obs, was, now) -> shown.add(now));
        robot.clickOn("#confirm-yes");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(shown.contains("Kontrolado kaj riparado de la dosiersistemoj"), shown.toString());
        assertTrue(shown.contains("Recording the repair in the history"), "no translation: the engine's English " + shown);
    }

    private static List<String> findings(FxRobot robot) {
        return robot.lookup(".recovery-finding").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }
}
