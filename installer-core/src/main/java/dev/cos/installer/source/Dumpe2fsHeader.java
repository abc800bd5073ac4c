package dev.cos.installer.source;

import java.util.HashMap;
import java.util.Map;

/**
 * The superblock fields of {@code dumpe2fs -h FILE} that size a tree. "Overhead clusters" (block
 * group metadata, journal) is printed by e2fsprogs 1.46 and later; 0 when absent.
 */
public record Dumpe2fsHeader(long blockCount, long freeBlocks, long blockSizeBytes, long overheadBlocks,
        long inodeCount, long freeInodes, long firstInode) {

    /** Parses the {@code Name:   value} lines; throws IllegalArgumentException when a needed field is missing. */
    public static Dumpe2fsHeader parse(String stdout) {
        Map<String, String> fields = new HashMap<>();
        for (String line : stdout.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new Dumpe2fsHeader(number(fields, "Block count"), number(fields, "Free blocks"), number(fields, "Block size"),
                fields.containsKey("Overhead clusters") ? number(fields, "Overhead clusters") : 0,
                number(fields, "Inode count"), number(fields, "Free inodes"), number(fields, "First inode"));
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("dumpe2fs printed no '" + name + "' line");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dumpe2fs printed '" + name + ": " + value + "', not a number", e);
        }
    }

    /** Bytes in blocks that hold files and directories: used blocks less the filesystem's own overhead. */
    public long contentBytes() {
        return Math.max(0, blockCount - freeBlocks - overheadBlocks) * blockSizeBytes;
    }

    /** Inodes in use, less the reserved ones below "First inode" (the root, inode 2, among them). */
    public long usedInodes() {
        return Math.max(0, inodeCount - freeInodes - (firstInode - 1));
    }
}
