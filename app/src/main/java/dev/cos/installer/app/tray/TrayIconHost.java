package dev.cos.installer.app.tray;

/**
 * One way of showing the tray icon on the desktop: a StatusNotifier/AppIndicator or XEmbed icon
 * through dorkbox SystemTray, an XEmbed icon through {@link java.awt.SystemTray}, or the status window
 * itself when the desktop has no tray. {@link DesktopTray} picks one and feeds it the
 * {@link TrayViewModel}'s state; every implementation has the state's image, the tooltip, and a
 * menu (or window) with Open and Quit.
 */
public interface TrayIconHost {

    /** What shows the icon, as logged: "dorkbox AppIndicator", "dorkbox Gtk", "awt", "window". */
    String kind();

    /**
     * Shows {@code state}'s image and {@code tooltip}. Called on the FX thread; an implementation hands
     * the change to its toolkit's thread, so {@link #shownState()} may lag by one event cycle.
     */
    void show(TrayState state, String tooltip);

    /** The state whose image the toolkit was last given (read back from the toolkit where it can tell). */
    TrayState shownState();

    /** The tooltip the toolkit holds now (read back from the toolkit where it can tell). */
    String shownTooltip();

    /** Whether closing the status window only hides it (an icon stays to open it again). */
    boolean keepsRunningWithoutWindow();

    /** Removes the icon from the desktop. */
    void remove();
}
