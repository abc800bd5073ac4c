package dev.cos.installer.app.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through {@link java.awt.SystemTray}: an XEmbed tray host only (most X11 panels, not a
 * StatusNotifier-only desktop). The fallback when dorkbox SystemTray finds no tray it can use.
 */
public final class AwtTrayIcon extends ShownStateHost {

    private static final Logger LOG = LoggerFactory.getLogger(AwtTrayIcon.class);

    private final TrayIcon icon;
    private final Map<TrayState, BufferedImage> images;

    private AwtTrayIcon(TrayIcon icon, Map<TrayState, BufferedImage> images, TrayState shown) {
        super(shown);
        this.icon = icon;
        this.images = images;
    }

    /**
     * Adds the icon to the desktop's XEmbed tray, or returns empty when there is none (headless, no
     * tray host). Any thread; blocks until AWT has answered.
     *
     * @param images every state's image at the size {@code TrayImages} was asked for
     * @param open shows the window (run on the FX thread)
     * @param quit ends the app (run on the FX thread)
     */
    static Optional<TrayIconHost> install(Map<TrayState, BufferedImage> images, TrayState state, String tooltip,
            Runnable open, Runnable quit) {
        if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            LOG.info("tray: java.awt.SystemTray has no tray here (headless: {})", GraphicsEnvironment.isHeadless());
            return Optional.empty();
        }
        PopupMenu menu = new PopupMenu();
        MenuItem openItem = new MenuItem(TrayMenu.openText());
        openItem.addActionListener(e -> Platform.runLater(open));
        MenuItem quitItem = new MenuItem(TrayMenu.quitText());
        quitItem.addActionListener(e -> Platform.runLater(quit));
        menu.add(openItem);
        menu.add(quitItem);
        TrayIcon icon = new TrayIcon(images.get(state), tooltip, menu);
        icon.setImageAutoSize(true);
        icon.addActionListener(e -> Platform.runLater(open));
        try {
            SystemTray.getSystemTray().add(icon);
        } catch (AWTException | IllegalArgumentException e) {
            LOG.info("tray: java.awt.SystemTray refused the icon: {}", e.toString());
            return Optional.empty();
        }
        return Optional.of(new AwtTrayIcon(icon, images, state));
    }

    /** The tray's icon size in pixels (AWT's answer, at least 16), or 24 where there is no tray. */
    static int iconSize() {
        if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            return 24;
        }
        java.awt.Dimension size = SystemTray.getSystemTray().getTrayIconSize();
        return Math.max(16, Math.min(size.width, size.height));
    }

    @Override
    public String kind() {
        return "awt";
    }

    @Override
    public void show(TrayState state, String tooltip) {
        EventQueue.invokeLater(() -> {
            icon.setImage(images.get(state));
            icon.setToolTip(tooltip);
            shown(state);
        });
    }

    @Override
    protected String toolkitTooltip() {
        return icon.getToolTip();
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
