package dev.cos.installer.app.wizard;

import java.util.Optional;
import javafx.scene.Node;

/** A page's view: a thin layer over its ViewModel. */
public interface PageView {

    Node root();

    /** The control that gets the focus when the page shows (e.g. the first disk card); empty = the frame's Next. */
    default Optional<Node> initialFocus() {
        return Optional.empty();
    }
}
