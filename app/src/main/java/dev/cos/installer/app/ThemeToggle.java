package dev.cos.installer.app;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;

/**
 * The "Dark theme" switch for the wizard frame: pressed means dark. It follows the theme of the scene
 * it is in (also when something else calls {@link Styles#toggle}), and pressing it switches that scene
 * and saves the choice ({@link Styles#choose}). Alt+K is its mnemonic.
 */
public final class ThemeToggle extends ToggleButton {

    private final InvalidationListener sheetsChanged = o -> follow();
    private boolean following;

    public ThemeToggle() {
        super(Messages.get("theme.toggle"));
        setMnemonicParsing(true);
        setId("theme-toggle");
        getStyleClass().add("theme-toggle");
        setAccessibleText(Messages.get("theme.toggle.accessible"));
        setAccessibleHelp(Messages.get("theme.toggle.help"));
        setTooltip(new Tooltip(Messages.get("theme.toggle.help")));
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.getStylesheets().removeListener(sheetsChanged);
            }
            if (scene != null) {
                scene.getStylesheets().addListener(sheetsChanged);
            }
            follow();
        });
        selectedProperty().addListener((Observable o) -> {
            Scene scene = getScene();
            Theme wanted = isSelected() ? Theme.DARK : Theme.LIGHT;
            if (!following && scene != null && Styles.current(scene) != wanted) {
                Styles.choose(scene, wanted);
            }
        });
    }

    private void follow() {
        Scene scene = getScene();
        following = true;
        try {
            setSelected(scene != null && Styles.current(scene) == Theme.DARK);
        } finally {
            following = false;
        }
    }
}
