package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.Screenshots;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A sample wizard page using every style class of app.css, shown in the light and the dark theme and
 * at twice the font size; saved to target/screenshots/theme-*.png for people to look at, and checked
 * where a machine can: background brightness, the danger button is red, the current step carries the
 * accent, and no text is cut off (elided) even at 200%.
 */
class ThemeScreenshotTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void lightTheme() throws Exception {
        Shown shown = show(Theme.LIGHT, 1.0, "theme-light");
        assertTrue(luminance(shown.pixelIn(shown.content)) > 0.85, "light page background");
        assertRedish(shown.pixelIn(shown.danger));
        assertBluish(shown.pixelIn(shown.currentStep));
        assertEquals(List.of(), shown.elided, "text cut off");
    }

    @Test
    void darkTheme() throws Exception {
        Shown shown = show(Theme.DARK, 1.0, "theme-dark");
        assertTrue(luminance(shown.pixelIn(shown.content)) < 0.15, "dark page background");
        assertRedish(shown.pixelIn(shown.danger));
        assertBluish(shown.pixelIn(shown.currentStep));
        assertEquals(List.of(), shown.elided, "text cut off");
    }

    @Test
    void twiceTheFontSizeCutsNothingOff() throws Exception {
        Shown light = show(Theme.LIGHT, 2.0, "theme-light-200");
        assertEquals(List.of(), light.elided, "text cut off at 200%");
        Shown dark = show(Theme.DARK, 2.0, "theme-dark-200");
        assertEquals(List.of(), dark.elided, "text cut off at 200%");
        // The paddings are in em: the danger button grew with the text.
        assertTrue(light.danger.getBoundsInLocal().getHeight() > 1.7 * 30, "danger button height "
                + light.danger.getBoundsInLocal().getHeight());
    }

    @Test
    void screenshotsAreWrittenAsPngsOfTheSceneSize() throws Exception {
        Shown shown = show(Theme.DARK, 1.0, "theme-dark-check");
        Path file = Path.of(System.getProperty("screenshot.dir", "target/screenshots"), "theme-dark-check.png");
        assertTrue(Files.size(file) > 10_000, "size of " + file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals((int) shown.scene.getWidth(), read.getWidth());
        assertEquals((int) shown.scene.getHeight(), read.getHeight());
        Files.delete(file);
    }

    /** What a test looks at: the scene, its snapshot and the nodes sampled. */
    private record Shown(Scene scene, BufferedImage image, Region content, Button danger, Label currentStep,
            List<String> elided) {

        /** A pixel inside the node, near its top-left corner but off its border and text. */
        int pixelIn(Node node) {
            Bounds b = node.localToScene(node.getBoundsInLocal());
            int x = (int) (b.getMinX() + Math.min(6, b.getWidth() / 4));
            int y = (int) (b.getMinY() + Math.min(4, b.getHeight() / 4));
            return image.getRGB(x, y);
        }
    }

    private Shown show(Theme theme, double scale, String name) throws Exception {
        Shown shown = WaitForAsyncUtils.asyncFx(() -> {
            Sample sample = new Sample();
            Scene scene = new Scene(sample.root, 1100 * scale, 1000 * scale);
            if (scale != 1.0) {
                sample.root.setStyle("-fx-font-size: " + (13 * scale) + "px;");
            }
            Styles.apply(scene, theme);
            // A window per scene: a shown window keeps its size when given a larger scene.
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            sample.root.applyCss();
            sample.root.layout();
            return new Shown(scene, null, sample.content, sample.danger, sample.currentStep, List.of());
        }).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(shown.scene, name);
        BufferedImage image = Screenshots.capture(shown.scene);
        List<String> elided = WaitForAsyncUtils.asyncFx(() -> {
            List<String> cut = elided(shown.scene.getRoot());
            shown.scene.getWindow().hide();
            return cut;
        }).get(30, TimeUnit.SECONDS);
        return new Shown(shown.scene, image, shown.content, shown.danger, shown.currentStep, elided);
    }

    /** Labels whose shown text is not their whole text (the skin elided it with "..."). */
    private static List<String> elided(Parent root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (node instanceof Labeled labeled && !labeled.getText().isEmpty() && !insidePartitionSegment(labeled)) {
            String expected = labeled.isMnemonicParsing() ? labeled.getText().replaceFirst("_", "") : labeled.getText();
            String shown = String.join("", labeled.getChildrenUnmodifiable().stream()
                    .filter(Text.class::isInstance).map(t -> ((Text) t).getText().replace("\n", " ")).toList());
            if (!shown.replace(" ", "").equals(expected.replace(" ", "").replace("\n", ""))) {
                out.add("'" + expected + "' shown as '" + shown + "'");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    // A segment's width is its partition's share of the disk: its label may elide (the real bar adds tooltips).
    private static boolean insidePartitionSegment(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("partition-segment")) {
                return true;
            }
        }
        return false;
    }

    private static double luminance(int argb) {
        return (0.2126 * (argb >> 16 & 0xff) + 0.7152 * (argb >> 8 & 0xff) + 0.0722 * (argb & 0xff)) / 255;
    }

    private static void assertRedish(int argb) {
        int r = argb >> 16 & 0xff;
        int g = argb >> 8 & 0xff;
        int b = argb & 0xff;
        assertTrue(r > 150 && g < 90 && b < 90, String.format("danger button is not red: #%06x", argb & 0xffffff));
    }

    private static void assertBluish(int argb) {
        int r = argb >> 16 & 0xff;
        int b = argb & 0xff;
        assertTrue(b > 150 && r < 80, String.format("current step is not the accent: #%06x", argb & 0xffffff));
    }

    /** The sample page: every style class of app.css once. */
    private static final class Sample {

        final BorderPane root = new BorderPane();
        final VBox content = new VBox();
        final Button danger = new Button("_Erase disk and install");
        final Label currentStep = new Label("Partitions");

        Sample() {
            root.getStyleClass().add("wizard");

            VBox steps = new VBox();
            steps.getStyleClass().add("wizard-steps");
            Label product = new Label("cOS Installer", new ImageView(Icons.app(32)));
            product.getStyleClass().add("wizard-product");
            steps.getChildren().add(product);
            String[] names = {"Welcome", "Disk", "Partitions", "Image", "Confirm", "Install", "Done"};
            for (int i = 0; i < names.length; i++) {
                Label step = i == 2 ? currentStep : new Label(names[i]);
                step.getStyleClass().add("wizard-step");
                step.setMaxWidth(Double.MAX_VALUE);
                if (i < 2) {
                    step.getStyleClass().add("visited");
                } else if (i == 2) {
                    step.getStyleClass().add("current");
                }
                steps.getChildren().add(step);
            }
            root.setLeft(steps);

            content.getStyleClass().add("wizard-content");
            content.setSpacing(10);
            Label title = styled(new Label("Where should cOS be installed?"), "page-title");
            Label subtitle = styled(new Label("Everything on the chosen disk will be erased."), "page-subtitle");
            Label help = styled(new Label("Disks that hold the running system are not offered."), "help-text");

            HBox cards = new HBox(12, card("disk-nvme", "nvme", "Samsung 980 (/dev/nvme0n1)", "500 GB, NVMe", null),
                    card("disk-usb", "usb", "SanDisk Ultra (/dev/sdb)", "32 GB, USB", null),
                    card("disk-hdd", "sata", "WDC WD10 (/dev/sda)", "1 TB, SATA", "Holds the running system"));
            cards.getChildren().get(1).pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), true);
            cards.getChildren().get(2).getStyleClass().add("disabled-card");

            HBox bar = new HBox();
            bar.getStyleClass().add("partition-bar");
            String[][] segments = {{"efi", "EFI", "60"}, {"bios", "BIOS", "50"}, {"oem", "OEM", "60"},
                {"recovery", "Recovery", "110"}, {"state", "State (A/B)", "200"}, {"persistent", "Persistent", "170"},
                {"existing", "Windows (kept)", "120"}, {"free", "Free", "80"}};
            for (String[] s : segments) {
                Label label = new Label(s[1]);
                HBox segment = new HBox(label);
                segment.getStyleClass().addAll("partition-segment", "role-" + s[0]);
                segment.setPrefWidth(Double.parseDouble(s[2]));
                HBox.setHgrow(segment, Priority.ALWAYS);
                bar.getChildren().add(segment);
            }
            Label capacity = styled(new Label("cOS uses 24.0 GiB of 465.8 GiB; 441.8 GiB stay free for your data."), "capacity-line");

            Label error = styled(new Label("The image cannot be read: the file is truncated."), "error-text");
            Label warning = styled(new Label("This disk already has a cOS install; it will be replaced."), "warning-text");
            Label ok = styled(new Label("The image is verified."), "ok-text");

            VBox checks = new VBox(4, checkRow(true, "Passed", "The disk is large enough (465.8 GiB, needs 24 GiB)"),
                    checkRow(false, "Failed", "A partition of the disk is mounted at /media/usb"));

            Label digest = styled(new Label("sha256:3f1a9c0e5b7d2a4f6c8e0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a"), "digest");
            TextField digestField = styled(new TextField("sha256:3f1a9c0e5b7d2a4f6c8e"), "digest");
            digestField.setEditable(false);
            TextArea log = styled(new TextArea("partition: sgdisk --zap-all /dev/sdb\nformat: mkfs.vfat -n COS_GRUB /dev/sdb1\n"
                    + "unpack: 1.2 GiB of 2.0 GiB"), "log-area");
            log.setPrefRowCount(4);
            log.setEditable(false);

            content.getChildren().addAll(title, subtitle, help, cards, bar, capacity, error, warning, ok, checks, digest,
                    digestField, log);
            ScrollPane scroller = new ScrollPane(content);
            scroller.setFitToWidth(true);
            scroller.getStyleClass().add("wizard-scroller");
            root.setCenter(scroller);

            Button cancel = new Button("_Cancel");
            Button back = new Button("_Back");
            Button next = new Button("_Next");
            next.setDefaultButton(true);
            danger.getStyleClass().add("danger");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox buttons = new HBox(cancel, new ThemeToggle(), spacer, back, next, danger);
            buttons.getStyleClass().add("wizard-buttons");
            root.setBottom(buttons);
        }

        private static VBox card(String icon, String transport, String title, String detail, String problem) {
            VBox card = new VBox(new ImageView(Icons.disk("disk", transport, false, 48)), new Label(title),
                    styled(new Label(detail), "help-text"));
            if (problem != null) {
                card.getChildren().add(styled(new Label(problem), "error-text"));
            }
            card.getStyleClass().add("card");
            card.setUserData(icon);
            return card;
        }

        private static HBox checkRow(boolean passed, String status, String text) {
            HBox row = new HBox(styled(new Label(status), "check-status"), new Label(text));
            row.getStyleClass().addAll("check-row", passed ? "passed" : "failed");
            return row;
        }

        private static <T extends Node> T styled(T node, String styleClass) {
            node.getStyleClass().add(styleClass);
            return node;
        }
    }
}
