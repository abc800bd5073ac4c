package dev.cos.installer.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which stop points of an interruption test are booted under QEMU in this run: a few of each group
 * (a group = the stop points whose disks must boot the same way), chosen by a seed that is printed,
 * so every kind of boot is proven in every run and, run after run, every stop point gets booted.
 * The stop points not chosen are checked offline (and by {@link BootProofs} when their boot-read bytes
 * equal a booted disk's). {@code -Dcos.test.seed=N} repeats a run's choice (issue 17: CI's time).
 */
public final class BootSample {

    private final long seed;
    private final Set<String> booted;

    private BootSample(long seed, Set<String> booted) {
        this.seed = seed;
        this.booted = booted;
    }

    /** The run's seed: {@code cos.test.seed} when given, else a new one. */
    public static long runSeed() {
        return Long.getLong("cos.test.seed", System.nanoTime());
    }

    /** Chooses and prints the stop points {@code suite} boots in this run. */
    public static BootSample of(String suite, long seed, List<List<String>> groups, int perGroup) {
        BootSample sample = new BootSample(seed, choose(seed, groups, perGroup));
        System.out.println(suite + ": boots " + sample.booted + " this run, checks the other stop points offline (seed "
                + seed + "; -Dcos.test.seed=" + seed + " repeats the choice and any random kill times)");
        return sample;
    }

    /**
     * Pure: up to {@code perGroup} points of each group, at random; in the groups' order. The seed is
     * mixed first: java.util.Random's first draws from nearby seeds are alike, so consecutive seeds
     * would keep choosing the same points.
     */
    static Set<String> choose(long seed, List<List<String>> groups, int perGroup) {
        Random random = new Random(new SplittableRandom(seed).nextLong());
        Set<String> chosen = new LinkedHashSet<>();
        for (List<String> group : groups) {
            List<String> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            List<String> picked = shuffled.subList(0, Math.min(perGroup, shuffled.size()));
            group.stream().filter(picked::contains).forEach(chosen::add);
        }
        return Collections.unmodifiableSet(chosen);
    }

    public long seed() {
        return seed;
    }

    /** Whether this stop point is booted in this run. */
    public boolean boots(String point) {
        return booted.contains(point);
    }
}
