package dev.cos.installer.app.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * A disk drawn as a horizontal bar: one segment per partition (or free space), as wide as its share
 * of the disk, with its label and size written on it. Segments narrower than {@link #MIN_SEGMENT_WIDTH}
 * get that width so the text stays readable; the tooltip always has the full text. Style classes:
 * {@code .partition-bar}, each segment {@code .partition-segment .role-<role>} (roles: bios, efi, oem,
 * recovery, state, persistent, other, free). UI thread only.
 */
public final class PartitionBar extends Region {

    /** Narrowest a segment is drawn, in pixels: room for a short label. */
    public static final double MIN_SEGMENT_WIDTH = 56;

    /**
     * One segment.
     *
     * @param role style role: bios, efi, oem, recovery, state, persistent, other or free
     * @param label what is written on it ("COS_STATE", "Free")
     * @param sizeBytes its size, for its width and its text
     * @param detail the tooltip's extra line (filesystem, mount point...); may be empty
     */
    public record Segment(String role, String label, long sizeBytes, String detail) {
        public Segment {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("negative segment size " + sizeBytes);
            }
        }

        /** "945 MiB", "6.8 GiB". */
        public String sizeText() {
            return human(sizeBytes);
        }
    }

    private final ObservableList<Segment> segments = FXCollections.observableArrayList();

    public PartitionBar() {
        getStyleClass().add("partition-bar");
        setAccessibleRole(AccessibleRole.TEXT);
        setMinHeight(48);
        setPrefHeight(48);
        segments.addListener((javafx.collections.ListChangeListener<Segment>) change -> rebuild());
    }

    /** The segments in disk order; set them to redraw. */
    public ObservableList<Segment> segments() {
        return segments;
    }

    @Override
    public String getUserAgentStylesheet() {
        return Widgets.stylesheet();
    }

    private void rebuild() {
        List<StackPane> nodes = new ArrayList<>();
        StringBuilder spoken = new StringBuilder();
        for (Segment segment : segments) {
            Label text = new Label(segment.label() + "\n" + segment.sizeText());
            text.getStyleClass().add("partition-segment-text");
            text.setMinWidth(0);
            StackPane node = new StackPane(text);
            node.getStyleClass().addAll("partition-segment", "role-" + segment.role());
            node.setMinWidth(0);
            String tip = segment.label() + ": " + segment.sizeText() + (segment.detail().isEmpty() ? "" : "\n" + segment.detail());
            Tooltip tooltip = new Tooltip(tip);
            tooltip.setShowDelay(Duration.millis(300));
            Tooltip.install(node, tooltip);
            node.setAccessibleText(tip);
            nodes.add(node);
            spoken.append(spoken.length() == 0 ? "" : "; ").append(segment.label()).append(' ').append(segment.sizeText());
        }
        getChildren().setAll(nodes);
        setAccessibleText(spoken.toString());
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double width = getWidth() - in.getLeft() - in.getRight();
        double height = getHeight() - in.getTop() - in.getBottom();
        long[] sizes = segments.stream().mapToLong(Segment::sizeBytes).toArray();
        double[] widths = widths(sizes, width, MIN_SEGMENT_WIDTH);
        double x = in.getLeft();
        for (int i = 0; i < widths.length && i < getChildren().size(); i++) {
            getChildren().get(i).resizeRelocate(snapPositionX(x), in.getTop(), snapSizeX(widths[i]), height);
            x += widths[i];
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    /**
     * The width of each segment: proportional to its size, except that no segment is narrower than
     * {@code minWidth}; the width that takes comes out of the larger segments, in proportion. When
     * even that cannot fit, every segment gets an equal share. Widths always add up to {@code total}. Pure.
     */
    public static double[] widths(long[] sizes, double total, double minWidth) {
        int n = sizes.length;
        double[] widths = new double[n];
        if (n == 0 || total <= 0) {
            return widths;
        }
        if (minWidth * n >= total) {
            java.util.Arrays.fill(widths, total / n);
            return widths;
        }
        boolean[] pinned = new boolean[n];
        // Each pass pins the segments that fall below the minimum; the rest share what is left.
        while (true) {
            double free = total;
            double sizeLeft = 0;
            for (int i = 0; i < n; i++) {
                if (pinned[i]) {
                    free -= minWidth;
                } else {
                    sizeLeft += sizes[i];
                }
            }
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                if (!pinned[i]) {
                    double share = sizeLeft == 0 ? free / countUnpinned(pinned) : free * sizes[i] / sizeLeft;
                    if (share < minWidth) {
                        pinned[i] = true;
                        changed = true;
                    }
                    widths[i] = share;
                }
            }
            if (!changed) {
                for (int i = 0; i < n; i++) {
                    if (pinned[i]) {
                        widths[i] = minWidth;
                    }
                }
                return widths;
            }
        }
    }

    private static int countUnpinned(boolean[] pinned) {
        int count = 0;
        for (boolean p : pinned) {
            count += p ? 0 : 1;
        }
        return count;
    }

    /** Sizes for people, as the engine writes them ("64 MiB", "6.8 GiB"). */
    static String human(long bytes) {
        return dev.cos.installer.model.ByteSize.ofBytes(bytes).human();
    }
}
