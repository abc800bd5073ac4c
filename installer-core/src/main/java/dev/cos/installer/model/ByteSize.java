package dev.cos.installer.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, with the conversions the layout needs (MiB, 512-byte sectors). */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024L * MIB;
    public static final ByteSize ZERO = new ByteSize(0);

    private static final Pattern HUMAN = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b)?\\s*");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofMiB(long mib) {
        return new ByteSize(Math.multiplyExact(mib, MIB));
    }

    public static ByteSize ofGiB(long gib) {
        return new ByteSize(Math.multiplyExact(gib, GIB));
    }

    /**
     * Parses "8G", "8GiB", "512M", "4096" (bytes) and so on; K/M/G/T/P are powers of 1024 as in
     * truncate(1) and losetup(8).
     */
    public static ByteSize parse(String text) {
        Matcher m = HUMAN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 8G, 512M or a number of bytes)");
        }
        double number = Double.parseDouble(m.group(1));
        int power = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "" -> 0;
            case "K" -> 1;
            case "M" -> 2;
            case "G" -> 3;
            case "T" -> 4;
            default -> 5;
        };
        return new ByteSize((long) Math.ceil(number * Math.pow(1024, power)));
    }

    public long mib() {
        return bytes / MIB;
    }

    /** Whole MiB, rounding any part of a MiB up. */
    public long mibRoundedUp() {
        return (bytes + MIB - 1) / MIB;
    }

    public ByteSize plus(ByteSize other) {
        return new ByteSize(Math.addExact(bytes, other.bytes));
    }

    public ByteSize minus(ByteSize other) {
        return new ByteSize(bytes - other.bytes);
    }

    public ByteSize times(double factor) {
        return new ByteSize((long) Math.ceil(bytes * factor));
    }

    public boolean isLessThan(ByteSize other) {
        return bytes < other.bytes;
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** "8.0 GiB", "64 MiB", "512 B": for people. */
    public String human() {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
        }
        if (bytes >= MIB) {
            return bytes % MIB == 0 ? (bytes / MIB) + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        return human();
    }
}
