package dev.cos.installer.app.tray;

import dev.cos.installer.app.session.SessionCommands;
import dev.cos.installer.app.session.TrayHostProbe;
import dorkbox.systemTray.SystemTray;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks how the tray icon is shown and keeps it in step with the {@link TrayViewModel}: a
 * StatusNotifier item when a StatusNotifierWatcher is on the session bus, else an XEmbed icon when an
 * XEmbed tray host is there (dorkbox first, then java.awt), else the status window alone. The choice
 * can be forced with {@code -Dcos.tray=} or {@code $COS_TRAY}: {@code auto} (default), {@code dorkbox},
 * {@code awt}, {@code window}. Every step is logged with the prefix "tray:".
 */
public final class DesktopTray {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopTray.class);

    /** One way to show the icon, tried in {@link #order} until one works. */
    enum Choice { DORKBOX_APPINDICATOR, DORKBOX_GTK, AWT, WINDOW }

    private DesktopTray() {}

    /**
     * The ways to try, best first; always ends with {@link Choice#WINDOW}. Pure.
     *
     * @param preference auto, dorkbox, awt or window (anything else is auto)
     * @param statusNotifier whether a StatusNotifierWatcher owns its name on the session bus
     * @param xembed whether an XEmbed tray host owns the X tray selection
     */
    static List<Choice> order(String preference, boolean statusNotifier, boolean xembed) {
        String p = preference.strip().toLowerCase(Locale.ROOT);
        List<Choice> order = new ArrayList<>();
        if (!p.equals("window") && !p.equals("awt")) {
            if (statusNotifier) {
                order.add(Choice.DORKBOX_APPINDICATOR);
            }
            if (xembed) {
                order.add(Choice.DORKBOX_GTK);
            }
        }
        if (!p.equals("window") && !p.equals("dorkbox") && xembed) {
            order.add(Choice.AWT);
        }
        order.add(Choice.WINDOW);
        return List.copyOf(order);
    }

    /** {@code -Dcos.tray}, else {@code $COS_TRAY}, else "auto". */
    static String preference() {
        return Optional.ofNullable(System.getProperty("cos.tray"))
                .or(() -> Optional.ofNullable(System.getenv("COS_TRAY")))
                .filter(s -> !s.isBlank()).orElse("auto");
    }

    /**
     * Starts putting the icon on the desktop (off the FX thread: the checks and dorkbox block), then on
     * the FX thread keeps it in step with {@code viewModel} and hands it to {@code ready}. Call on the FX
     * thread.
     *
     * @param stage the status window (the face when there is no tray)
     * @param open shows the window (run on the FX thread)
     * @param quit ends the app (run on the FX thread)
     * @param ready gets the host that shows the icon (on the FX thread)
     */
    public static void install(Stage stage, TrayViewModel viewModel, Runnable open, Runnable quit,
            Consumer<TrayIconHost> ready) {
        TrayState state = viewModel.state().get();
        String tooltip = viewModel.tooltip().get();
        Thread thread = new Thread(() -> {
            Optional<TrayIconHost> host = tryInOrder(state, tooltip, open, quit);
            Platform.runLater(() -> {
                TrayIconHost chosen = host.orElseGet(() -> new WindowTrayIcon(stage));
                LOG.info("tray: the icon is shown by: {}", chosen.kind());
                chosen.show(viewModel.state().get(), viewModel.tooltip().get());
                viewModel.state().addListener((obs, was, now) -> chosen.show(now, viewModel.tooltip().get()));
                viewModel.tooltip().addListener((obs, was, now) -> chosen.show(viewModel.state().get(), now));
                ready.accept(chosen);
            });
        }, "tray-icon");
        thread.setDaemon(true);
        thread.start();
    }

    private static Optional<TrayIconHost> tryInOrder(TrayState state, String tooltip, Runnable open, Runnable quit) {
        boolean headless = GraphicsEnvironment.isHeadless();
        boolean statusNotifier = !headless && statusNotifierWatcher();
        boolean xembed = !headless && java.awt.SystemTray.isSupported();
        String preference = preference();
        List<Choice> order = order(preference, statusNotifier, xembed);
        LOG.info("tray: preference {}, StatusNotifierWatcher on the session bus: {}, XEmbed tray: {}, trying {}",
                preference, statusNotifier, xembed, order);
        for (Choice choice : order) {
            try {
                Optional<TrayIconHost> host = switch (choice) {
                    case DORKBOX_APPINDICATOR -> DorkboxTrayIcon.install(SystemTray.TrayType.AppIndicator,
                            DesktopTray::imagesOnFxThread, state, tooltip, open, quit);
                    case DORKBOX_GTK -> DorkboxTrayIcon.install(SystemTray.TrayType.Gtk,
                            DesktopTray::imagesOnFxThread, state, tooltip, open, quit);
                    case AWT -> AwtTrayIcon.install(imagesOnFxThread(AwtTrayIcon.iconSize()), state, tooltip, open, quit);
                    case WINDOW -> Optional.empty();
                };
                if (host.isPresent()) {
                    return host;
                }
            } catch (RuntimeException e) {
                LOG.warn("tray: {} failed, trying the next way", choice, e);
            }
        }
        return Optional.empty();
    }

    private static boolean statusNotifierWatcher() {
        // Off the FX thread (this is the tray-icon thread).
        return new TrayHostProbe(SessionCommands.processes()).statusNotifierWatcher();
    }

    /** The icons load through the FX toolkit: read them there, wait here. */
    private static Map<TrayState, BufferedImage> imagesOnFxThread(int sizePx) {
        CompletableFuture<Map<TrayState, BufferedImage>> images = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                images.complete(TrayImages.all(sizePx));
            } catch (RuntimeException e) {
                images.completeExceptionally(e);
            }
        });
        try {
            return images.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the tray icons could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the tray icons", e);
        }
    }
}
