package dev.cos.installer.app.wizard.partitions;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class PartitionsView implements PageView {

    private final Label root = new Label("Partitions");

    public PartitionsView(PartitionsViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
