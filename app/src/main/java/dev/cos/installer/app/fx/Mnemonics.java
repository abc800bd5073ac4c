package dev.cos.installer.app.fx;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.Mnemonic;

/**
 * Keeps a scene's mnemonic table ({@link Scene#getMnemonics()}) to the controls in the scene, for
 * windows that swap parts of their content (the wizard's pages, the recovery screen's confirmation)
 * or change the texts of labelled controls (the wizard's Next).
 *
 * <p>Why (JavaFX 21): a control that leaves the scene, or whose text loses its mnemonic, is taken out
 * of its key's list, but the emptied list stays in the table under its key. A key is one letter in
 * one case ('U' and 'u' are two keys), a key press matches either case, and the scene's key handler
 * (KeyboardShortcutsHandler) only looks at the FIRST key that matches, even when its list is empty
 * (the older key comes first). So a page shown earlier with "_UEFI" left an empty Alt+'U' behind that
 * swallowed Alt+U before the summary's "I _understand" (Alt+'u') was looked at; "B_IOS" did the same
 * to "Erase ... and _install". This drops empty lists (and, to be safe, controls no longer in the
 * scene); one letter in two cases on one screen stays a mistake (WizardMnemonicTest checks the
 * wizard's pages for it). A control that comes back into the scene
 * registers its own letter again, but a label's letter for another control is lost when the label
 * comes back first (the partitions page's "_OEM:" for its size field): {@link #tidyNow} restores it.
 */
public final class Mnemonics {

    private Mnemonics() {
    }

    /**
     * Tidies the table of whichever scene {@code root} is in after every layout pass: skins register
     * and unregister mnemonics when they lay out (a changed text, a page's first showing). Call once
     * per root.
     */
    public static void tidyAfterLayout(Node root) {
        Runnable tidy = () -> {
            if (root.getScene() != null) {
                prune(root.getScene());
            }
        };
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(tidy);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(tidy);
            }
        });
        if (root.getScene() != null) {
            root.getScene().addPostLayoutPulseListener(tidy);
        }
    }

    /**
     * Tidies the table of {@code node}'s scene now, after applying CSS and laying the scene out (so
     * controls shown or relabelled since the last pulse are registered), and gives a label whose
     * mnemonic is for another control ({@link Label#setLabelFor}) its entry back when it lost it: the
     * table is right for a key pressed before the next pulse. For the moment a window has swapped in
     * content it showed before. Does nothing outside a scene.
     */
    public static void tidyNow(Node node) {
        Scene scene = node.getScene();
        if (scene == null) {
            return;
        }
        Parent root = scene.getRoot();
        root.applyCss();
        root.layout();
        if (restore(root, scene, registered(scene))) {
            root.layout();
        }
        prune(scene);
    }

    /**
     * A label for another control registers that control when the label enters the scene; when the
     * label comes back into the scene before its control does (it comes first in the page, as labels
     * do), the control has no scene yet and the label silently registers nothing. Switching mnemonic
     * parsing off and on makes the label's skin register again at its next layout.
     */
    private static boolean restore(Node node, Scene scene, Set<Node> registered) {
        boolean changed = false;
        if (node instanceof Label label && label.getLabelFor() != null && label.isMnemonicParsing()
                && hasMnemonic(label.getText())) {
            Node target = label.getLabelFor();
            if (target.getScene() == scene && !registered.contains(target)) {
                label.setMnemonicParsing(false);
                label.setMnemonicParsing(true);
                changed = true;
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                changed |= restore(child, scene, registered);
            }
        }
        return changed;
    }

    private static Set<Node> registered(Scene scene) {
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        scene.getMnemonics().values().forEach(list -> list.forEach(mnemonic -> nodes.add(mnemonic.getNode())));
        return nodes;
    }

    /** As JavaFX parses a mnemonic: the first '_' before a character that is neither '_' nor a space ("__" is a '_'). */
    static boolean hasMnemonic(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '_') {
                if (text.charAt(i + 1) == '_') {
                    i++;
                } else if (!Character.isWhitespace(text.charAt(i + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    static void prune(Scene scene) {
        for (List<Mnemonic> list : scene.getMnemonics().values()) {
            list.removeIf(mnemonic -> mnemonic.getNode() == null || mnemonic.getNode().getScene() != scene);
        }
        scene.getMnemonics().values().removeIf(List::isEmpty);
    }
}
