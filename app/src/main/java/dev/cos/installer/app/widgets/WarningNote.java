package dev.cos.installer.app.widgets;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A warning a person must not miss (an unverified image): bold text in the warning colours inside a
 * warning box, shown only while {@code text} is not empty. The box has {@code id}, its label
 * {@code id + "-text"}, for tests and accessibility tools.
 */
public final class WarningNote {

    private WarningNote() {}

    public static VBox of(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id + "-text");
        label.getStyleClass().add("warning-title");
        label.setWrapText(true);
        label.textProperty().bind(text);
        VBox box = new VBox(label);
        box.setId(id);
        box.getStyleClass().add("warning-box");
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
