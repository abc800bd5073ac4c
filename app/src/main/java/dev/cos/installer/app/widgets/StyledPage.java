package dev.cos.installer.app.widgets;

import javafx.scene.layout.VBox;

/**
 * A page's root: a column with the {@code .page} style class whose user-agent stylesheet is
 * {@link Widgets#stylesheet()}, so page parts look right under any theme (the theme still wins).
 */
public class StyledPage extends VBox {

    public StyledPage() {
        getStyleClass().add("page");
        setSpacing(12);
        setFillWidth(true);
    }

    @Override
    public String getUserAgentStylesheet() {
        return Widgets.stylesheet();
    }
}
