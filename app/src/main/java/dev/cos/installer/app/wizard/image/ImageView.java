package dev.cos.installer.app.wizard.image;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class ImageView implements PageView {

    private final Label root = new Label("Image");

    public ImageView(ImageViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
