package dev.cos.installer.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code unsquashfs -lls -n FILE} lists, summed: regular file bytes and the other entries.
 * Each line reads {@code PERMS OWNER/GROUP SIZE DATE TIME PATH}; devices show {@code MAJOR, MINOR}
 * in place of the size. The first line is the root ({@code squashfs-root}), which is not counted.
 *
 * @param regularFileBytes sum of the sizes of regular files (hard links counted once per name)
 * @param regularFiles regular file names
 * @param otherEntries directories (but the root), symlinks, devices, fifos and sockets
 */
public record UnsquashfsListing(long regularFileBytes, long regularFiles, long otherEntries) {

    private static final Pattern LINE = Pattern.compile("([-dlcbps])[-rwxsStT]{9}\\s+\\S+\\s+(\\d+|\\d+,\\s*\\d+)\\s+.*");

    /** Parses the listing; lines that are not entries (warnings, blank lines) are ignored. */
    public static UnsquashfsListing parse(String stdout) {
        long bytes = 0;
        long regular = 0;
        long other = 0;
        boolean rootSeen = false;
        for (String line : stdout.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (!rootSeen) {
                rootSeen = true;
                continue;
            }
            if (m.group(1).equals("-")) {
                regular++;
                bytes += Long.parseLong(m.group(2));
            } else {
                other++;
            }
        }
        return new UnsquashfsListing(bytes, regular, other);
    }

    public long entries() {
        return regularFiles + otherEntries;
    }

    /** Regular bytes plus {@link SourceFacts#BYTES_PER_INODE} per other entry. */
    public long treeBytes() {
        return regularFileBytes + otherEntries * SourceFacts.BYTES_PER_INODE;
    }
}
