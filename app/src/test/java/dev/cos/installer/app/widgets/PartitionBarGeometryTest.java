package dev.cos.installer.app.widgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How wide each segment of a partition bar is drawn. */
class PartitionBarGeometryTest {

    private static final double MIN = PartitionBar.MIN_SEGMENT_WIDTH;

    private static double sum(double[] widths) {
        return Arrays.stream(widths).sum();
    }

    @Test
    void largeSegmentsAreProportionalToTheirSize() {
        assertArrayEquals(new double[] {150, 450}, PartitionBar.widths(new long[] {1000, 3000}, 600, MIN), 1e-9);
    }

    @Test
    void aTinySegmentGetsTheMinimumWidthTakenFromTheOthersInProportion() {
        double[] widths = PartitionBar.widths(new long[] {1, 1000, 3000}, 600, MIN);

        assertEquals(MIN, widths[0], 1e-9);
        assertEquals((600 - MIN) / 4, widths[1], 1e-9);
        assertEquals((600 - MIN) * 3 / 4, widths[2], 1e-9);
        assertEquals(600, sum(widths), 1e-9);
    }

    @Test
    void pinningOneSegmentCanPushAnotherBelowTheMinimum() {
        // Alone, 100 of 1000 gets 60 px; once the empty segment takes its 56 px, it would get 54.4.
        assertArrayEquals(new double[] {MIN, MIN, 600 - 2 * MIN}, PartitionBar.widths(new long[] {0, 100, 900}, 600, MIN), 1e-9);
    }

    @Test
    void theBootPartitionsOfTheCosLayoutAreReadable() {
        // The cOS layout on 8 GiB, in MiB: bios 1, efi 64, oem 64, recovery 120, state 945, persistent 6996.
        long[] mib = {1, 64, 64, 120, 945, 6996};
        double[] widths = PartitionBar.widths(mib, 800, MIN);

        for (int i = 0; i < 4; i++) {
            assertEquals(MIN, widths[i], 1e-9, "segment " + i);
        }
        double rest = 800 - 4 * MIN;
        assertEquals(rest * 945 / (945 + 6996), widths[4], 1e-9);
        assertEquals(rest * 6996 / (945 + 6996), widths[5], 1e-9);
        assertEquals(800, sum(widths), 1e-9);
    }

    @Test
    void whenEvenTheMinimumsDoNotFitEverySegmentGetsAnEqualShare() {
        assertArrayEquals(new double[] {50, 50, 50}, PartitionBar.widths(new long[] {1, 2, 1000}, 150, MIN), 1e-9);
    }

    @Test
    void emptyOrZeroSizedInputsStillFillTheBar() {
        assertEquals(0, PartitionBar.widths(new long[0], 600, MIN).length);
        assertArrayEquals(new double[] {300, 300}, PartitionBar.widths(new long[] {0, 0}, 600, MIN), 1e-9);
    }
}
