package dev.cos.installer.app.wizard;

import dev.cos.installer.app.wizard.window.WizardView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.Event;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.wizard.WizardModel.FirmwareChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.Mnemonic;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Mnemonics across pages, keyboard only: a letter belongs to the page on screen. The partitions page
 * has Alt+U (UEFI) and Alt+I (BIOS); the summary has Alt+U (the acknowledgement) and Alt+I (Erase ...
 * and install). JavaFX unregisters the controls of a page that leaves the scene but keeps an empty
 * entry under their key in the scene's mnemonic table, a key ('U') is not the same entry as its other
 * case ('u'), and a key press goes to the first entry that matches in either case: the page shown
 * earlier kept the letter, and the key did nothing. And a page shown again lost the letters its labels
 * give other controls (the partitions page's size fields). The frame ({@link WizardView}) tidies the
 * table ({@link dev.cos.installer.app.fx.Mnemonics}).
 */
@ExtendWith(ApplicationExtension.class)
class WizardMnemonicTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        wizard = WizardStage.show(stage, FakeEngine.diskInstall(), home.resolve("data/cos-demo.img"));
    }

    @Test
    void aLetterOfAPageNoLongerShownNeitherActsNorHidesTheShownPagesControl(FxRobot robot) {
        robot.interact(() -> frame().show(Page.DISK));
        robot.type(KeyCode.SPACE); // the first disk
        forward(robot, Page.PARTITIONS);
        // A radio button's mnemonic moves the focus to it (JavaFX fires no selection); Space selects.
        altFocuses(robot, KeyCode.U, "#firmware-efi", "Alt+U is UEFI on the partitions page");
        robot.type(KeyCode.SPACE);
        assertEquals(FirmwareChoice.EFI, firmware());
        forward(robot, Page.IMAGE, Page.SUMMARY);

        altFocuses(robot, KeyCode.U, "#summary-acknowledge", "Alt+U reaches the summary's acknowledgement");
        robot.type(KeyCode.SPACE);
        assertTrue(robot.lookup("#summary-acknowledge").queryAs(CheckBox.class).isSelected());
        assertEquals(FirmwareChoice.EFI, firmware());

        // Back on the partitions page its letters work again (the size fields' through their labels),
        // and Alt+I is BIOS there, not the summary's Erase ... and install.
        alt(robot, KeyCode.B);
        alt(robot, KeyCode.B);
        assertEquals(Page.PARTITIONS, page());
        altFocuses(robot, KeyCode.I, "#firmware-bios", "Alt+I is BIOS again on the partitions page");
        assertEquals(Page.PARTITIONS, page(), "Alt+I did not press the summary's Erase ... and install");
        assertFalse(wizard.engine.calls.contains("install"));
        robot.type(KeyCode.SPACE);
        assertEquals(FirmwareChoice.BIOS, firmware());
        altFocuses(robot, KeyCode.U, "#firmware-efi", "Alt+U is UEFI again on the partitions page");
        altFocuses(robot, KeyCode.R, "#size-recovery", "Alt+R is the RECOVERY size again (a label's mnemonic)");
        altFocuses(robot, KeyCode.O, "#size-oem", "Alt+O is the OEM size again");

        forward(robot, Page.IMAGE, Page.SUMMARY);
        ackAndInstall(robot);
        assertTrue(wizard.engine.calls.contains("install"), "Alt+I is Erase ... and install on the summary");
    }

    @Test
    void onEveryPageTheMnemonicTableHoldsTheShownControlsOnlyWithOneKeyPerLetter(FxRobot robot) throws Exception {
        List<String> problems = new ArrayList<>();
        problems.addAll(table());
        robot.interact(() -> frame().show(Page.DISK)); // past the welcome page's host checks
        problems.addAll(table());
        robot.type(KeyCode.SPACE);
        for (Page next : List.of(Page.PARTITIONS, Page.IMAGE, Page.SUMMARY)) {
            forward(robot, next);
            problems.addAll(table());
        }
        // Back to the disk page, each page on the way shown again, and forward to the summary.
        for (Page back : List.of(Page.IMAGE, Page.PARTITIONS, Page.DISK)) {
            alt(robot, KeyCode.B);
            assertEquals(back, page());
            problems.addAll(table());
        }
        for (Page next : List.of(Page.PARTITIONS, Page.IMAGE, Page.SUMMARY)) {
            forward(robot, next);
            problems.addAll(table());
        }

        // The fake engine fails the first install: the failure page (Retry), then a successful one.
        ackAndInstall(robot);
        assertEquals(Page.DONE, page());
        problems.addAll(table());
        wizard.engine.installEvents = List.of(Event.Result.success(21000, Map.of()));
        alt(robot, KeyCode.R);
        assertEquals(Page.SUMMARY, page(), "Alt+R is Retry on the failure page");
        problems.addAll(table());
        ackAndInstall(robot);
        assertEquals(Page.DONE, page());
        assertTrue(robot.lookup("#power-off").query().isVisible(), "the success page");
        problems.addAll(table());

        assertEquals(List.of(), problems);
    }

    private void ackAndInstall(FxRobot robot) {
        CheckBox tick = robot.lookup("#summary-acknowledge").queryAs(CheckBox.class);
        if (!tick.isSelected()) {
            altFocuses(robot, KeyCode.U, "#summary-acknowledge", "Alt+U reaches the acknowledgement");
            robot.type(KeyCode.SPACE);
        }
        assertTrue(tick.isSelected(), "Alt+U, Space ticks the acknowledgement");
        alt(robot, KeyCode.I);
    }

    /**
     * What is wrong with the scene's mnemonic table on the page shown now: a key with no control (it
     * still catches the key press), a control no longer in the scene, a shown control whose letter is
     * missing, one letter under two keys (the key press goes to whichever the table lists first), or
     * two shown controls on one letter (the key then only moves the focus between them).
     */
    private List<String> table() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            String where = page() + ": ";
            Map<Character, List<String>> keysByLetter = new TreeMap<>();
            Map<Character, List<String>> shownByLetter = new TreeMap<>();
            for (Map.Entry<KeyCombination, ObservableList<Mnemonic>> entry : wizard.scene.getMnemonics().entrySet()) {
                String name = entry.getKey().getName();
                if (entry.getValue().isEmpty()) {
                    out.add(where + name + " is registered with no control");
                    continue;
                }
                char letter = Character.toLowerCase(name.charAt(name.length() - 2));
                keysByLetter.computeIfAbsent(letter, l -> new ArrayList<>()).add(name);
                for (Mnemonic mnemonic : entry.getValue()) {
                    Node node = mnemonic.getNode();
                    if (node.getScene() != wizard.scene) {
                        out.add(where + name + " is registered for " + describe(node) + ", which is not shown");
                    } else if (shown(node) && !node.isDisabled()) {
                        shownByLetter.computeIfAbsent(letter, l -> new ArrayList<>()).add(describe(node));
                    }
                }
            }
            missing(wizard.scene.getRoot(), registered(), where, out);
            keysByLetter.forEach((letter, keys) -> {
                if (keys.size() > 1) {
                    out.add(where + "the letter " + letter + " is registered under " + keys);
                }
            });
            shownByLetter.forEach((letter, nodes) -> {
                if (nodes.size() > 1) {
                    out.add(where + "Alt+" + letter + " is shared by " + nodes);
                }
            });
            return out;
        }).get(30, TimeUnit.SECONDS);
    }

    private Set<Node> registered() {
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        wizard.scene.getMnemonics().values().forEach(list -> list.forEach(m -> nodes.add(m.getNode())));
        return nodes;
    }

    /** Shown labelled controls with a letter in their text ("_x"), for themselves or through a label, not in the table. */
    private static void missing(Node node, Set<Node> registered, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.isMnemonicParsing() && labeled.getText() != null
                && labeled.getText().matches("(?s).*_[^_\\s].*")) {
            Node target = labeled instanceof Label label && label.getLabelFor() != null ? label.getLabelFor() : labeled;
            if (!registered.contains(target)) {
                out.add(where + describe(target) + " has lost its letter (\"" + labeled.getText() + "\")");
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> missing(child, registered, where, out));
        }
    }

    /** Alt+N through {@code pages}, one page each. */
    private void forward(FxRobot robot, Page... pages) {
        for (Page next : pages) {
            alt(robot, KeyCode.N);
            assertEquals(next, page());
        }
    }

    private static void altFocuses(FxRobot robot, KeyCode letter, String id, String why) {
        alt(robot, letter);
        assertTrue(robot.lookup(id).query().isFocused(), why);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Node node) {
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
    }

    private static void alt(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.ALT, key).release(key, KeyCode.ALT);
    }

    private WizardViewModel frame() {
        return wizard.wizard.frame();
    }

    private Page page() {
        return frame().current().get();
    }

    private FirmwareChoice firmware() {
        return wizard.model.firmware().get();
    }
}
