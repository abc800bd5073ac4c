package dev.cos.installer.app.wizard.done;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class DoneView implements PageView {

    private final Label root = new Label("Done");

    public DoneView(DoneViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
