package dev.cos.installer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress read from the tools' own output, captured from mksquashfs 4.5.1 and GNU tar 1.34. */
class ProgressParsersTest {

    @Test
    void mksquashfsProgressBarBecomesFractions() {
        List<Double> fractions = new ArrayList<>();
        var listener = FilesystemTools.mksquashfsProgress(fractions::add);
        listener.line("Parallel mksquashfs: Using 2 processors");
        listener.line("[========-                                                     ]  300/2222  13%");
        listener.line("[=============================================================\\] 2222/2222 100%");
        listener.line("\t52.02% of uncompressed filesystem size (264666.52 Kbytes)");
        assertEquals(List.of(0.13, 1.0), fractions);
    }
}
