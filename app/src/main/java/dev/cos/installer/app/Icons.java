package dev.cos.installer.app;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The icons of the icons module ({@code /dev/cos/installer/icons/<name>-<size>.png}): the window
 * icon, disk types and tray states. Images are cached; a size that was not rendered is scaled from the
 * next larger one.
 */
public final class Icons {

    private static final String BASE = "/dev/cos/installer/icons/";
    private static final String APP = "cos-installer";
    private static final List<Integer> APP_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    private static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64);

    /** The tray's states, each drawn as {@code tray-<state>}. */
    public static final List<String> TRAY_STATES = List.of("ok", "update", "upgrading", "restart", "fallback");

    private static final Map<String, Image> CACHE = new ConcurrentHashMap<>();

    private Icons() {}

    public static void applyTo(Stage stage) {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            load(APP, size).ifPresent(stage.getIcons()::add);
        }
    }

    /**
     * The icon of a disk the engine listed ({@link DiskIcons#name} picks hdd, nvme, usb, sd, virtual or
     * image file from the engine's {@code type} and {@code transport}).
     *
     * @param size the edge in pixels (16, 24, 32, 48, 64 are drawn for it; others are scaled)
     */
    public static Image disk(String type, String transport, boolean removable, int size) {
        return named(DiskIcons.name(type, transport, removable), size);
    }

    /** The icon of a disk image file target. */
    public static Image imageFile(int size) {
        return named(DiskIcons.IMAGE_FILE, size);
    }

    /**
     * @param state one of {@link #TRAY_STATES} (any case)
     * @throws IllegalArgumentException for another state
     */
    public static Image trayState(String state, int size) {
        String s = state.strip().toLowerCase(Locale.ROOT);
        if (!TRAY_STATES.contains(s)) {
            throw new IllegalArgumentException("no tray icon for state '" + state + "': one of " + TRAY_STATES);
        }
        return named("tray-" + s, size);
    }

    /** The app icon at a size. */
    public static Image app(int size) {
        return named(APP, size);
    }

    private static Image named(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("icon size must be positive, not " + size);
        }
        return load(name, size).orElseThrow(() -> new IllegalStateException(
                "icon " + name + " is not on the class path: is the icons module a dependency?"));
    }

    private static Optional<Image> load(String name, int size) {
        List<Integer> drawn = name.equals(APP) ? APP_SIZES : ICON_SIZES;
        // The smallest drawn size that is at least as large, else the largest: scale down, never up.
        int source = drawn.stream().filter(s -> s >= size).findFirst().orElse(drawn.get(drawn.size() - 1));
        String key = name + "-" + source + "@" + size;
        Image cached = CACHE.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream png = Icons.class.getResourceAsStream(BASE + name + "-" + source + ".png")) {
            if (png == null) {
                return Optional.empty();
            }
            Image image = source == size ? new Image(png) : new Image(png, size, size, true, true);
            CACHE.put(key, image);
            return Optional.of(image);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
