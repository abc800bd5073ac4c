package dev.cos.installer.app.tray;

import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.SystemTray;
import dorkbox.updates.Updates;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through dorkbox SystemTray: a StatusNotifier item through libayatana-appindicator
 * ({@link SystemTray.TrayType#AppIndicator}: KDE, GNOME with the AppIndicator extension, most panels
 * of today) or an XEmbed icon through GtkStatusIcon ({@link SystemTray.TrayType#Gtk}). It shares
 * JavaFX's GTK 3 main loop. Its menu starts with the state's text (an AppIndicator has no tooltip).
 */
public final class DorkboxTrayIcon extends ShownStateHost {

    private static final Logger LOG = LoggerFactory.getLogger(DorkboxTrayIcon.class);

    private final SystemTray tray;
    private final Map<TrayState, BufferedImage> images;

    private DorkboxTrayIcon(SystemTray tray, Map<TrayState, BufferedImage> images, TrayState shown) {
        super(shown);
        this.tray = tray;
        this.images = images;
    }

    /**
     * Puts the icon on the desktop as {@code type}, or returns empty when dorkbox cannot (the library
     * or its native part does not load, or it would use another type than asked: a forced type it cannot
     * do makes it fall back to a Swing tray, which an AppIndicator-only desktop does not show). Blocks;
     * never call it on the FX thread (dorkbox starts on JavaFX's GTK loop and waits for it).
     *
     * @param imagesAtSize every state's image at the size dorkbox asks for (called on this thread)
     * @param open shows the window (run on the FX thread)
     * @param quit ends the app (run on the FX thread)
     */
    static Optional<TrayIconHost> install(SystemTray.TrayType type, IntFunction<Map<TrayState, BufferedImage>> imagesAtSize,
            TrayState state, String tooltip, Runnable open, Runnable quit) {
        SystemTray tray;
        try {
            // The library would otherwise report its use to its author's server at every start.
            Updates.INSTANCE.setENABLE(false);
            // Root's own desktop session (and CI) has a session bus of its own: the check is about sudo.
            SystemTray.ENABLE_ROOT_CHECK = false;
            SystemTray.FORCE_TRAY_TYPE = type;
            tray = SystemTray.get("cos-installer");
        } catch (RuntimeException | LinkageError e) {
            LOG.info("tray: dorkbox SystemTray ({}) did not load: {}", type, e.toString());
            return Optional.empty();
        }
        if (tray == null) {
            LOG.info("tray: dorkbox SystemTray ({}) found no tray", type);
            return Optional.empty();
        }
        if (tray.getType() != type) {
            LOG.info("tray: dorkbox SystemTray gave {} instead of {}: not used", tray.getType(), type);
            tray.shutdown();
            return Optional.empty();
        }
        Map<TrayState, BufferedImage> images = imagesAtSize.apply(tray.getTrayImageSize());
        tray.setImage(images.get(state));
        tray.setTooltip(tooltip);
        tray.setStatus(tooltip);
        tray.getMenu().add(new MenuItem(TrayMenu.openText(), e -> Platform.runLater(open)));
        tray.getMenu().add(new MenuItem(TrayMenu.quitText(), e -> Platform.runLater(quit)));
        LOG.info("tray: dorkbox SystemTray {} ready, icon size {} px", tray.getType(), tray.getTrayImageSize());
        return Optional.of(new DorkboxTrayIcon(tray, images, state));
    }

    @Override
    public String kind() {
        return "dorkbox " + tray.getType();
    }

    @Override
    public void show(TrayState state, String tooltip) {
        // dorkbox hands every change to its own dispatch thread.
        tray.setImage(images.get(state));
        tray.setTooltip(tooltip);
        tray.setStatus(tooltip);
        shown(state);
    }

    /** The menu's status line: an AppIndicator has no tooltip to read back. */
    @Override
    protected String toolkitTooltip() {
        return tray.getStatus();
    }

    @Override
    public void remove() {
        tray.shutdown();
    }
}
