package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import dev.cos.installer.app.Messages;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through {@link java.awt.SystemTray} (an XEmbed tray host: most X11 panels; not a
 * StatusNotifier-only desktop, where the window alone is shown). Its image and tooltip follow the
 * {@link TrayViewModel}'s state; a click opens the window, the menu has Open and Quit.
 */
public final class AwtTrayIcon {

    private static final Logger LOG = LoggerFactory.getLogger(AwtTrayIcon.class);

    private final TrayIcon icon;

    private AwtTrayIcon(TrayIcon icon) {
        this.icon = icon;
    }

    /**
     * Adds the icon to the desktop's tray, or returns empty when there is none (no XEmbed host,
     * headless): the window is then the only face. Call on the FX thread.
     *
     * @param open shows the window (run on the FX thread)
     * @param quit ends the app (run on the FX thread)
     */
    public static Optional<AwtTrayIcon> install(TrayViewModel viewModel, Runnable open, Runnable quit) {
        if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            LOG.info("no system tray here (headless: {}): the status window is shown instead",
                    GraphicsEnvironment.isHeadless());
            return Optional.empty();
        }
        SystemTray tray = SystemTray.getSystemTray();
        int size = Math.max(16, Math.min(tray.getTrayIconSize().width, tray.getTrayIconSize().height));
        PopupMenu menu = new PopupMenu();
        MenuItem openItem = new MenuItem(Messages.get("tray.icon.open").replace("_", ""));
        openItem.addActionListener(e -> Platform.runLater(open));
        MenuItem quitItem = new MenuItem(Messages.get("tray.icon.quit").replace("_", ""));
        quitItem.addActionListener(e -> Platform.runLater(quit));
        menu.add(openItem);
        menu.add(quitItem);
        TrayIcon icon = new TrayIcon(image(viewModel.state().get(), size), viewModel.tooltip().get(), menu);
        icon.setImageAutoSize(true);
        icon.addActionListener(e -> Platform.runLater(open));
        try {
            tray.add(icon);
        } catch (AWTException e) {
            LOG.warn("the system tray refused the icon: the status window is shown instead", e);
            return Optional.empty();
        }
        AwtTrayIcon result = new AwtTrayIcon(icon);
        viewModel.state().addListener((obs, was, state) -> {
            BufferedImage next = image(state, size);
            EventQueue.invokeLater(() -> icon.setImage(next));
        });
        viewModel.tooltip().addListener((obs, was, text) -> EventQueue.invokeLater(() -> icon.setToolTip(text)));
        return Optional.of(result);
    }

    /** Removes the icon from the tray. */
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }

    /** The state's icon as AWT pixels (without javafx-swing: copied through the pixel reader). */
    static BufferedImage image(TrayState state, int size) {
        Image fx = Icons.trayState(state.icon(), size);
        int width = (int) fx.getWidth();
        int height = (int) fx.getHeight();
        int[] argb = new int[width * height];
        fx.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }
}
