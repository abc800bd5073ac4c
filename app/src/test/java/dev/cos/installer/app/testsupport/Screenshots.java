package dev.cos.installer.app.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Saves what a scene shows as a PNG, for people to look at (and for pixel checks). Without
 * javafx-swing: the snapshot's pixels are copied into a {@link BufferedImage} and written by ImageIO.
 * The directory is the system property {@code screenshot.dir} (the pom sets target/screenshots).
 */
public final class Screenshots {

    private Screenshots() {}

    /**
     * Snapshots the scene (on the FX thread; callable from any thread) and writes {@code <name>.png}.
     *
     * @return the file written
     */
    public static Path save(Scene scene, String name) {
        BufferedImage image = toBufferedImage(snapshot(scene));
        Path dir = Path.of(System.getProperty("screenshot.dir", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("ImageIO has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file, e);
        }
        return file;
    }

    /** The scene as pixels (ARGB), taken on the FX thread. */
    public static BufferedImage capture(Scene scene) {
        return toBufferedImage(snapshot(scene));
    }

    private static WritableImage snapshot(Scene scene) {
        if (Platform.isFxApplicationThread()) {
            return scene.snapshot(null);
        }
        CompletableFuture<WritableImage> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(scene.snapshot(null));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a snapshot", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot take a snapshot of the scene", e);
        }
    }

    static BufferedImage toBufferedImage(WritableImage snapshot) {
        int width = (int) snapshot.getWidth();
        int height = (int) snapshot.getHeight();
        int[] argb = new int[width * height];
        snapshot.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }
}
