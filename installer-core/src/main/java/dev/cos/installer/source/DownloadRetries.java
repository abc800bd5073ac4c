package dev.cos.installer.source;

import java.time.Duration;
import java.util.Objects;

/**
 * How a download is retried after a dropped connection, a stalled transfer or an HTTP 5xx: at most
 * {@code tries} tries in all, pausing {@code firstPause} before the second, doubling each time up to
 * {@link #MAX_PAUSE}. The pause goes through {@code sleeper} so tests do not really wait.
 */
public record DownloadRetries(int tries, Duration firstPause, Sleeper sleeper) {

    static final Duration MAX_PAUSE = Duration.ofSeconds(60);

    /** Waits between tries; {@link Thread#sleep} outside tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    public DownloadRetries {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        Objects.requireNonNull(firstPause, "firstPause");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** 5 tries, pauses of 2, 4, 8 and 16 s. */
    public static DownloadRetries system() {
        return new DownloadRetries(5, Duration.ofSeconds(2), pause -> Thread.sleep(pause.toMillis()));
    }

    /** The pause after failed try number {@code failedTry} (1-based). */
    Duration pauseAfter(int failedTry) {
        Duration pause = firstPause.multipliedBy(1L << Math.min(failedTry - 1, 20));
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }
}
