package dev.cos.installer.app.wizard.progress;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class ProgressView implements PageView {

    private final Label root = new Label("Progress");

    public ProgressView(ProgressViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
