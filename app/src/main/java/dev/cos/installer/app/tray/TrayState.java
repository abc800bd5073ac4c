package dev.cos.installer.app.tray;

/** What the tray icon and its tooltip say, most urgent first when several hold. */
public enum TrayState {
    /** The engine's status could not be read (yet): nothing is claimed. */
    UNKNOWN("fallback"),
    /** An upgrade runs now. */
    UPGRADING("upgrading"),
    /** An upgrade finished in this session: the new system starts with the next boot. */
    RESTART_NEEDED("restart"),
    /** Active failed to boot, so the computer runs passive (the previous system). */
    FALLBACK("fallback"),
    /** The configured upgrade source holds another version than the running one. */
    UPDATE_AVAILABLE("update"),
    UP_TO_DATE("ok");

    private final String icon;

    TrayState(String icon) {
        this.icon = icon;
    }

    /** The name of its icon for {@code Icons.trayState(name, size)}. */
    public String icon() {
        return icon;
    }
}
