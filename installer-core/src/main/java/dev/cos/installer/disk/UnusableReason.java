package dev.cos.installer.disk;

import java.util.Objects;

/**
 * One reason a disk cannot be installed on: a kind for programs and a message for a person that
 * names the device, what uses it and what to do.
 */
public record UnusableReason(Kind kind, String message) {

    /** What keeps the disk busy or unsuitable. */
    public enum Kind {
        /** The running system's {@code /} lives on the disk (directly, via a stacked device or a loop image). */
        HOLDS_RUNNING_ROOT,
        /** The live medium this system booted from is on the disk. */
        LIVE_MEDIUM,
        /** The disk or one of its partitions (or a device stacked on them) is mounted. */
        MOUNTED,
        /** The disk, a partition or a file on it is active swap. */
        ACTIVE_SWAP,
        /** LVM, MD RAID or device-mapper holds the disk or a partition (sysfs {@code holders}). */
        IN_USE_BY_HOLDER,
        READ_ONLY,
        TOO_SMALL
    }

    public UnusableReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
