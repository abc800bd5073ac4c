package dev.cos.installer.tools;

import dev.cos.installer.process.Command;

/** argv builders for dd writes into a disk or partition that keep every other byte (conv=notrunc). Pure. */
public final class Dd {

    private Dd() {
    }

    /** Copies a whole file into {@code target}, from its 512-byte sector {@code sector512} on. */
    public static Command copyAt(String file, String target, long sector512) {
        return Command.of("dd", "if=" + file, "of=" + target, "bs=512", "seek=" + sector512, "conv=notrunc,fsync",
                "status=none");
    }

    /**
     * Writes {@code data} (given on standard input) at the start of {@code target} in a single write:
     * one sector's worth changes all at once, as a cut can leave it only before or after.
     */
    public static Command writeHead(String target, byte[] data) {
        return Command.of("dd", "of=" + target, "bs=" + data.length, "count=1", "iflag=fullblock",
                "conv=notrunc,fsync", "status=none").withStdin(data);
    }

    /** Writes {@code data} (given on standard input) at byte {@code offsetBytes} of {@code target}. */
    public static Command writeAt(String target, long offsetBytes, byte[] data) {
        return Command.of("dd", "of=" + target, "bs=1", "seek=" + offsetBytes, "count=" + data.length,
                "conv=notrunc,fsync", "status=none").withStdin(data);
    }
}
