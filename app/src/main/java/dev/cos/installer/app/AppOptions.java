package dev.cos.installer.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's command line: which face to show and how.
 *
 * @param face the wizard (default), the tray window ({@code --tray}) or the recovery screen ({@code --recovery-screen})
 * @param kiosk {@code --kiosk}: undecorated and covering the whole screen (the live ISO has no window manager)
 * @param theme {@code --theme=light|dark|auto} (auto follows the desktop where it can be read)
 * @param imageFile {@code --image-file=PATH}: the disk image file the wizard offers (default: under the user's data directory)
 * @param offline {@code --target=FILE --as-booted=SLOT}: the tray and recovery faces work on that installed disk
 *     or image file offline instead of the running system (a repair machine, tests)
 */
public record AppOptions(Face face, boolean kiosk, String theme, Path imageFile,
        Optional<dev.cos.installer.api.OfflineSystem> offline) {

    public enum Face { WIZARD, TRAY, RECOVERY }

    public static AppOptions parse(List<String> args, Map<String, String> env, Path home) {
        Face face = Face.WIZARD;
        boolean kiosk = false;
        String theme = "auto";
        Optional<Path> imageFile = Optional.empty();
        Optional<Path> target = Optional.empty();
        Optional<String> asBooted = Optional.empty();
        for (String arg : args) {
            if (arg.equals("--tray")) {
                face = Face.TRAY;
            } else if (arg.equals("--recovery-screen")) {
                face = Face.RECOVERY;
            } else if (arg.equals("--kiosk")) {
                kiosk = true;
            } else if (arg.startsWith("--theme=")) {
                theme = arg.substring("--theme=".length());
                if (!List.of("light", "dark", "auto").contains(theme)) {
                    throw new IllegalArgumentException("--theme takes light, dark or auto, not '" + theme + "'");
                }
            } else if (arg.startsWith("--image-file=")) {
                imageFile = Optional.of(Path.of(arg.substring("--image-file=".length())));
            } else if (arg.startsWith("--target=")) {
                target = Optional.of(Path.of(arg.substring("--target=".length())));
            } else if (arg.startsWith("--as-booted=")) {
                asBooted = Optional.of(arg.substring("--as-booted=".length()));
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "': use --tray, --recovery-screen, --kiosk,"
                        + " --theme=light|dark|auto, --image-file=PATH, --target=FILE --as-booted=active|passive|recovery");
            }
        }
        if (target.isPresent() != asBooted.isPresent()) {
            throw new IllegalArgumentException("--target=FILE and --as-booted=SLOT go together (the offline system)");
        }
        String slot = asBooted.orElse("");
        Optional<dev.cos.installer.api.OfflineSystem> offline = target.map(
                t -> new dev.cos.installer.api.OfflineSystem(t, slot));
        return new AppOptions(face, kiosk, theme, imageFile.orElseGet(() -> dataDirectory(env, home).resolve("cos-demo.img")),
                offline);
    }

    /** $XDG_DATA_HOME/cos-installer, else ~/.local/share/cos-installer (XDG base directory spec). */
    static Path dataDirectory(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return base.resolve("cos-installer");
    }
}
