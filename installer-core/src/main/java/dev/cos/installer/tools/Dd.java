package dev.cos.installer.tools;

import dev.cos.installer.sys.Command;

/** argv builders for dd writes into a disk or partition that keep every other byte (conv=notrunc). Pure. */
public final class Dd {

    private Dd() {
    }

    /** Copies the first {@code bytes} bytes of a file to the start of {@code target}. */
    public static Command copyHead(String file, String target, int bytes) {
        return Command.of("dd", "if=" + file, "of=" + target, "bs=" + bytes, "count=1", "conv=notrunc,fsync",
                "status=none");
    }

    /** Copies a whole file to the start of {@code target}. */
    public static Command copy(String file, String target) {
        return Command.of("dd", "if=" + file, "of=" + target, "bs=512", "conv=notrunc,fsync", "status=none");
    }

    /** Writes {@code data} (given on standard input) at byte {@code offsetBytes} of {@code target}. */
    public static Command writeAt(String target, long offsetBytes, byte[] data) {
        return Command.of("dd", "of=" + target, "bs=1", "seek=" + offsetBytes, "count=" + data.length,
                "conv=notrunc,fsync", "status=none").withStdin(data);
    }
}
