package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import javafx.stage.Stage;

/**
 * No tray on this desktop: the status window itself is the face. Its task-bar icon is the state's
 * icon and its title the tooltip (TrayApp binds it); closing it quits. See docs/decisions/tray-icon.md
 * for why not a small always-on-top window.
 */
final class WindowTrayIcon extends ShownStateHost {

    private static final int[] SIZES_PX = {16, 24, 32, 48, 64};

    private final Stage stage;

    WindowTrayIcon(Stage stage) {
        super(TrayState.UNKNOWN);
        this.stage = stage;
    }

    @Override
    public String kind() {
        return "window";
    }

    @Override
    public void show(TrayState state, String tooltip) {
        stage.getIcons().clear();
        for (int size : SIZES_PX) {
            stage.getIcons().add(Icons.trayState(state.icon(), size));
        }
        shown(state);
    }

    /** The window's title (TrayApp binds it to the tooltip). */
    @Override
    protected String toolkitTooltip() {
        return stage.getTitle();
    }

    /** Closing the window quits: there is no icon to open it again. */
    @Override
    public boolean keepsRunningWithoutWindow() {
        return false;
    }

    @Override
    public void remove() {
        // The window is the app: nothing to take away.
    }
}
