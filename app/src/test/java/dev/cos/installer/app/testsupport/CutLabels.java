package dev.cos.installer.app.testsupport;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds the labels a window shows cut (its skin replaced the end of the text by the ellipsis): a
 * screenshot that "fits" has none. FX thread only, after a layout pass.
 */
public final class CutLabels {

    private CutLabels() {}

    /** "id-or-class: shown text" for every visible label under {@code root} whose text is cut. */
    public static List<String> under(Node root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String ellipsis = labeled.getEllipsisString();
            for (Node part : labeled.lookupAll(".text")) {
                if (part instanceof Text shown && shown.getParent() == labeled && shown.getText() != null
                        && shown.getText().endsWith(ellipsis) && !labeled.getText().endsWith(ellipsis)) {
                    cut.add((labeled.getId() != null ? labeled.getId() : labeled.getClass().getSimpleName()) + ": "
                            + shown.getText());
                }
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, cut));
        }
    }
}
