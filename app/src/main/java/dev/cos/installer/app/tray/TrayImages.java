package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;

/** Every state's tray icon as AWT pixels, which both dorkbox and java.awt take. */
final class TrayImages {

    private TrayImages() {}

    /** All states at {@code sizePx} square. Needs the FX toolkit (the icons load through it). */
    static Map<TrayState, BufferedImage> all(int sizePx) {
        Map<TrayState, BufferedImage> images = new EnumMap<>(TrayState.class);
        for (TrayState state : TrayState.values()) {
            images.put(state, image(state, sizePx));
        }
        return Map.copyOf(images);
    }

    /** The state's icon as AWT pixels (without javafx-swing: copied through the pixel reader). */
    static BufferedImage image(TrayState state, int sizePx) {
        Image fx = Icons.trayState(state.icon(), sizePx);
        int width = (int) fx.getWidth();
        int height = (int) fx.getHeight();
        int[] argb = new int[width * height];
        fx.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }
}
