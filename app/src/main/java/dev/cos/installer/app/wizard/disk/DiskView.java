package dev.cos.installer.app.wizard.disk;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class DiskView implements PageView {

    private final Label root = new Label("Disk");

    public DiskView(DiskViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
