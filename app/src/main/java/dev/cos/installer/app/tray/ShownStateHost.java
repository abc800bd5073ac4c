package dev.cos.installer.app.tray;

/**
 * What every {@link TrayIconHost} remembers and reads back the same way: the state it last gave its
 * toolkit and the tooltip the toolkit holds. A host does its own showing and calls
 * {@link #shown(TrayState)} once its toolkit has the state.
 */
abstract class ShownStateHost implements TrayIconHost {

    private volatile TrayState shown;

    /** @param shown the state the toolkit has from the start */
    ShownStateHost(TrayState shown) {
        this.shown = shown;
    }

    /** Remembers that the toolkit now has {@code state}'s image (any thread). */
    protected final void shown(TrayState state) {
        shown = state;
    }

    /** The tooltip (or status text) the toolkit holds now; null where it holds none. */
    protected abstract String toolkitTooltip();

    @Override
    public final TrayState shownState() {
        return shown;
    }

    @Override
    public final String shownTooltip() {
        String text = toolkitTooltip();
        return text == null ? "" : text;
    }

    /** An icon stays on the desktop to open the window again; the window host is the exception. */
    @Override
    public boolean keepsRunningWithoutWindow() {
        return true;
    }
}
