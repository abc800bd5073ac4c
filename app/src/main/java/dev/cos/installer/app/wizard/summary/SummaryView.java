package dev.cos.installer.app.wizard.summary;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class SummaryView implements PageView {

    private final Label root = new Label("Summary");

    public SummaryView(SummaryViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
