package dev.cos.installer.tools;

import dev.cos.installer.process.Command;
import java.util.ArrayList;
import java.util.List;

/** argv builders for mkfs, tune2fs, debugfs, mtools and mksquashfs. Pure. */
public final class FilesystemTools {

    private FilesystemTools() {
    }

    /** ext2/3/4 on a partition, with a label; -F because the target was just partitioned. */
    public static Command mkfsExt(String fs, String device, String label) {
        return Command.of("mkfs." + fs, "-F", "-q", "-L", label, device);
    }

    /** FAT32 ESP with a label (FAT labels are at most 11 characters, upper case). */
    public static Command mkfsVfat(String device, String label) {
        return Command.of("mkfs.vfat", "-F", "32", "-n", label, device);
    }

    /** Builds an ext2 image file of the given size from a tree, with no mount (mke2fs -d). */
    public static Command mkfsExt2Image(String imageFile, String label, String tree, long sizeMiB) {
        return Command.of("mkfs.ext2", "-F", "-q", "-L", label, "-d", tree, imageFile, sizeMiB + "M");
    }

    public static Command tune2fsLabel(String imageOrDevice, String label) {
        return Command.of("tune2fs", "-L", label, imageOrDevice);
    }

    /** Runs debugfs in write mode with its requests on standard input. */
    public static Command debugfsWrite(String image, List<String> requests) {
        return Command.of("debugfs", "-w", "-f", "-", image)
                .withStdin((String.join("\n", requests) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Copies a file keeping holes, so a copy of a sparse image costs only its data. */
    public static Command sparseCopy(String from, String to) {
        return Command.of("cp", "--sparse=always", from, to);
    }

    public static Command mmd(String fatDevice, String... dirs) {
        List<String> argv = new ArrayList<>(List.of("mmd", "-i", fatDevice));
        for (String dir : dirs) {
            argv.add("::" + dir);
        }
        return Command.of(argv);
    }

    private static final java.util.regex.Pattern SQUASHFS_PERCENT =
            java.util.regex.Pattern.compile("^\\[.*\\]\\s+\\d+/\\d+\\s+(\\d+)%$");

    /** Turns mksquashfs's progress bar ("[===-  ]  300/2222  13%") into fractions. */
    public static dev.cos.installer.process.OutputListener mksquashfsProgress(java.util.function.DoubleConsumer fraction) {
        return line -> {
            java.util.regex.Matcher m = SQUASHFS_PERCENT.matcher(line.strip());
            if (m.matches()) {
                fraction.accept(Integer.parseInt(m.group(1)) / 100.0);
            }
        };
    }

    /**
     * gzip level for squashfs. mksquashfs defaults to 9; on a 450 MB JDK + locale tree, 6 took 22 s
     * of CPU instead of 51 s for 0.4% more bytes (docs/benchmarks.md), and it is the recovery image
     * that dominates the install's time.
     */
    static final int GZIP_LEVEL = 6;

    /** Copies a host file into a FAT filesystem (no mount), replacing the file there. */
    public static Command mcopy(String fatDevice, String file, String fatPath) {
        return Command.of("mcopy", "-o", "-i", fatDevice, file, "::" + fatPath);
    }

    /**
     * Renames {@code from} to {@code to} on a FAT filesystem without mounting it, replacing {@code to}
     * ({@code -D o}): both short names sit in one directory sector, so the switch is one write.
     */
    public static Command mren(String fatDevice, String from, String to) {
        return Command.of("mren", "-D", "o", "-i", fatDevice, "::" + from, "::" + to);
    }

    /** Copies a directory (and what it holds) into {@code parent}, keeping modes and times. */
    public static Command copyDirectory(String dir, String parent) {
        return Command.of("cp", "-r", "--preserve=mode,timestamps", dir, parent);
    }

    /**
     * Squashfs of a tree. {@code pseudoDirs} adds directories the tree lacks (as root, 0755)
     * without touching the tree. gzip runs at {@link #GZIP_LEVEL}; xz with the x86 BCJ filter
     * as the toolkit does; mksquashfs uses every core.
     */
    public static Command mksquashfs(String tree, String file, String compression, List<String> pseudoDirs) {
        List<String> argv = new ArrayList<>(List.of("mksquashfs", tree, file, "-noappend", "-b", "1024k",
                "-comp", compression));
        if (compression.equals("gzip")) {
            argv.addAll(List.of("-Xcompression-level", Integer.toString(GZIP_LEVEL)));
        }
        if (compression.equals("xz")) {
            argv.addAll(List.of("-Xbcj", "x86"));
        }
        for (String dir : pseudoDirs) {
            argv.addAll(List.of("-p", dir + " d " + (dir.equals("/tmp") ? "1777" : "755") + " 0 0"));
        }
        return Command.of(argv);
    }
}
