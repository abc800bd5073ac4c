package dev.cos.installer.app;

import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.window.Wizard;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST ONLY: lets a test see what the window shows, without clicking. Installed as a
 * {@link WizardShownHook} by this module's test resources (META-INF/services); PrivilegeIT puts it in
 * the copied GUI's lib/ as a jar of its own. Does nothing unless {@code -Dcos.gui.probe=FILE} is set. Then, once the wizard reaches the done page (or the
 * welcome page has shown, or {@code cos.gui.probe.timeout-seconds} (default 900) have passed), it writes
 * the texts of every visible Labeled, Text and text field of the scene to FILE (one per line, UTF-8)
 * and a PNG screenshot to FILE.png, then quits the app.
 * <p>
 * With {@code -Dcos.gui.probe.install=IMAGE_FILE} it first starts an install as the summary page's
 * Install button would: target a new disk image file of {@code cos.gui.probe.size-gib} (default 8) GiB
 * with the demo image, and show the progress page (which runs the engine and then shows the done page).
 * Used by PrivilegeIT to drive the real pages as an unprivileged user.
 */
public final class GuiProbe implements WizardShownHook {

    static final String PROPERTY = "cos.gui.probe";

    private static final Logger LOG = LoggerFactory.getLogger(GuiProbe.class);
    private static final long GIB = 1024L * 1024 * 1024;

    private final Path textFile;
    private final Optional<Path> installTarget;
    private final long sizeGiB;
    private final long timeoutSeconds;
    private boolean written;

    /** For the ServiceLoader: reads the system properties when the wizard is shown. */
    public GuiProbe() {
        this(null, Optional.empty(), 0, 0);
    }

    @Override
    public void wizardShown(Scene scene, Wizard wizard) {
        // Inert unless the test asked for it.
        fromProperties(System::getProperty).ifPresent(probe -> probe.attach(scene, wizard));
    }

    private GuiProbe(Path textFile, Optional<Path> installTarget, long sizeGiB, long timeoutSeconds) {
        this.textFile = textFile;
        this.installTarget = installTarget;
        this.sizeGiB = sizeGiB;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The probe the properties ask for; empty (the normal case) when {@code cos.gui.probe} is unset. */
    static Optional<GuiProbe> fromProperties(UnaryOperator<String> property) {
        String file = property.apply(PROPERTY);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Optional<Path> install = Optional.ofNullable(property.apply(PROPERTY + ".install")).filter(s -> !s.isBlank()).map(Path::of);
        long size = Long.parseLong(Optional.ofNullable(property.apply(PROPERTY + ".size-gib")).orElse("8"));
        long timeout = Long.parseLong(Optional.ofNullable(property.apply(PROPERTY + ".timeout-seconds")).orElse("900"));
        return Optional.of(new GuiProbe(Path.of(file), install, size, timeout));
    }

    /** Starts watching {@code wizard} shown in {@code scene}; on the FX thread, after the stage is shown. */
    void attach(Scene scene, Wizard wizard) {
        LOG.warn("diagnostic probe active: the window's texts go to {}", textFile);
        later(timeoutSeconds * 1000.0, () -> dump(scene, "probe: timed out after " + timeoutSeconds + " s"));
        if (installTarget.isEmpty()) {
            later(1000, () -> dump(scene, ""));
            return;
        }
        wizard.frame().current().addListener((obs, old, page) -> {
            if (page == Page.DONE) {
                // One more layout pass so the done page's texts are in the scene graph.
                later(500, () -> dump(scene, ""));
            }
        });
        wizard.frame().model().target().set(new TargetChoice.ImageFile(installTarget.get(), sizeGiB * GIB));
        wizard.frame().show(Page.PROGRESS);
    }

    private static void later(double millis, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.millis(millis));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    private void dump(Scene scene, String note) {
        if (written) {
            return;
        }
        written = true;
        List<String> texts = new ArrayList<>();
        if (!note.isEmpty()) {
            texts.add(note);
        }
        collect(scene.getRoot(), texts);
        try {
            Files.write(textFile, texts, StandardCharsets.UTF_8);
            WritableImage shot = scene.snapshot(null);
            int width = (int) shot.getWidth();
            int height = (int) shot.getHeight();
            int[] argb = new int[width * height];
            shot.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
            BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            png.setRGB(0, 0, width, height, argb, 0, width);
            ImageIO.write(png, "png", Path.of(textFile + ".png").toFile());
        } catch (IOException e) {
            LOG.error("probe: cannot write {}", textFile, e);
        }
        Platform.exit();
    }

    /** Visible texts in scene-graph order; a Labeled's own Text child is skipped (its text is taken whole). */
    private static void collect(Node node, List<String> into) {
        if (!node.isVisible()) {
            return;
        }
        String text = node instanceof Labeled labeled ? labeled.getText()
                : node instanceof TextInputControl input ? input.getText()
                : node instanceof Text t && !(t.getParent() instanceof Labeled) ? t.getText() : null;
        if (text != null && !text.isBlank()) {
            into.add(text);
        }
        if (node instanceof Parent parent && !(node instanceof TextInputControl)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, into);
            }
        }
    }
}
