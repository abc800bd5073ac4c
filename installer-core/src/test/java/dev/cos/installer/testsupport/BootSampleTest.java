package dev.cos.installer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootSampleTest {

    private static final List<List<String>> GROUPS = List.of(List.of("mount", "lock", "verify", "space"),
            List.of("format-state", "unpack"), List.of("swap-active"));

    @Test
    void everyGroupIsBootedInEveryRun() {
        for (long seed = 0; seed < 50; seed++) {
            Set<String> chosen = BootSample.choose(seed, GROUPS, 1);
            assertEquals(3, chosen.size(), chosen::toString);
            for (List<String> group : GROUPS) {
                assertEquals(1, group.stream().filter(chosen::contains).count(), group + " in " + chosen);
            }
        }
    }

    @Test
    void theSameSeedChoosesTheSamePoints() {
        assertEquals(BootSample.choose(42, GROUPS, 2), BootSample.choose(42, GROUPS, 2));
    }

    @Test
    void runAfterRunEveryStopPointGetsBooted() {
        Set<String> ever = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            ever.addAll(BootSample.choose(seed, GROUPS, 1));
        }
        assertEquals(7, ever.size(), ever::toString);
    }

    @Test
    void aGroupSmallerThanTheCountIsBootedWhole() {
        Set<String> chosen = BootSample.choose(7, GROUPS, 3);
        assertTrue(chosen.containsAll(List.of("format-state", "unpack", "swap-active")), chosen::toString);
        assertEquals(3, List.of("mount", "lock", "verify", "space").stream().filter(chosen::contains).count());
    }
}
