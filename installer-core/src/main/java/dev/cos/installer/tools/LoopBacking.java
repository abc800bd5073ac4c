package dev.cos.installer.tools;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Which file a loop device reads: {@code losetup --find --show FILE} opens FILE by its path, so a
 * file replaced between the installer's checks and that open would be attached instead. Comparing
 * the loop device's backing inode and device with the file the installer created or checked closes
 * that window (a path, as /sys/block/loopN/loop/backing_file gives, would not: it names the new file too).
 */
public final class LoopBacking {

    /** A file as the kernel knows it: its inode number on the device {@code major:minor}. */
    public record FileIdentity(long inode, long major, long minor) {

        /** The identity of {@code file} itself (a symbolic link's own, not its target's). */
        public static FileIdentity of(Path file) throws IOException {
            long inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
            long dev = ((Number) Files.getAttribute(file, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
            // glibc's gnu_dev_major/gnu_dev_minor: the 64-bit dev_t split into its 32-bit major and minor.
            long major = ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
            return new FileIdentity(inode, major, minor);
        }

        @Override
        public String toString() {
            return "inode " + inode + " on device " + major + ":" + minor;
        }
    }

    private LoopBacking() {
    }

    /** Prints the backing file's inode and device of {@code device}, as "INODE MAJOR:MINOR". */
    public static Command query(String device) {
        return Command.of("losetup", "--list", "--noheadings", "--output", "BACK-INO,BACK-MAJ:MIN", device);
    }

    /** Parses {@link #query}'s output. */
    static FileIdentity parse(String stdout) {
        String[] fields = stdout.strip().split("\\s+");
        String[] majorMinor = fields.length == 2 ? fields[1].split(":") : new String[0];
        if (majorMinor.length != 2) {
            throw new IllegalArgumentException("expected 'INODE MAJOR:MINOR', got '" + stdout.strip() + "'");
        }
        return new FileIdentity(Long.parseLong(fields[0]), Long.parseLong(majorMinor[0]), Long.parseLong(majorMinor[1]));
    }

    /**
     * Requires that {@code device} reads the very file {@code expected} identifies.
     *
     * @throws InstallerException LOOP_DEVICE when it reads another file (or losetup's answer is unreadable);
     *     the caller detaches it
     */
    public static void verify(CommandRunner runner, String device, Path file, FileIdentity expected) {
        String printed = runner.run(query(device)).stdout();
        FileIdentity backing;
        try {
            backing = parse(printed);
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ErrorCode.LOOP_DEVICE, "cannot tell which file " + device + " reads: losetup printed '"
                    + printed.strip() + "'");
        }
        if (!backing.equals(expected)) {
            throw new InstallerException(ErrorCode.LOOP_DEVICE, "the loop device " + device + " reads " + backing + ", not "
                    + file + " (" + expected + "): the file was replaced while the installer used it, so nothing was"
                    + " written; check who else writes to " + file.getParent() + " and try again");
        }
    }
}
