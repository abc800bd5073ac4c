package dev.cos.installer.app.wizard.welcome;

import dev.cos.installer.app.wizard.PageView;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** PLACEHOLDER: replaced by the real page. */
public final class WelcomeView implements PageView {

    private final Label root = new Label("Welcome");

    public WelcomeView(WelcomeViewModel viewModel) {}

    @Override
    public Node root() {
        return root;
    }
}
