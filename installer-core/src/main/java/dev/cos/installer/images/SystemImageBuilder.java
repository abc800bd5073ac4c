package dev.cos.installer.images;

import dev.cos.installer.spec.SquashCompression;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.tools.FilesystemTools;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Builds the system images of the cOS layout from a root tree (spec section 2), for install and
 * upgrade alike: ext2 images (active, transition, an ext2 recovery) with the runtime directories the
 * tree lacks, sparse relabelled copies (passive), and squashfs recovery images. Every side effect
 * goes through the {@link CommandRunner}; the tree is never modified.
 */
public final class SystemImageBuilder {

    /** Directories the runtime expects in every system tree (spec section 2), parents first. */
    public static final List<String> RUNTIME_DIRS = List.of("/run", "/dev", "/boot", "/usr", "/usr/local", "/oem",
            "/proc", "/sys", "/tmp");

    private final CommandRunner runner;

    public SystemImageBuilder(CommandRunner runner) {
        this.runner = runner;
    }

    /** {@code mkfs.ext2 -d tree} into {@code image} ({@code sizeMiB}, sparse), then adds missing runtime dirs. */
    public void buildExt2(Path image, String label, Path tree, long sizeMiB) {
        runner.run(FilesystemTools.mkfsExt2Image(image.toString(), label, tree.toString(), sizeMiB));
        List<String> missing = missingRuntimeDirs(tree);
        if (!missing.isEmpty()) {
            List<String> requests = new ArrayList<>();
            for (String dir : missing) {
                requests.add("mkdir " + dir);
                if (dir.equals("/tmp")) {
                    requests.add("sif /tmp mode 041777");
                }
            }
            runner.run(FilesystemTools.debugfsWrite(image.toString(), requests));
        }
    }

    /** A sparse copy of an ext2 image with another label (passive from active, an ext2 recovery). */
    public void copyExt2(Path from, Path to, String label) {
        runner.run(FilesystemTools.sparseCopy(from.toString(), to.toString()));
        runner.run(FilesystemTools.tune2fsLabel(to.toString(), label));
    }

    /** A squashfs of the tree with the runtime dirs it lacks; mksquashfs's bar reported as fractions. */
    public void buildSquashfs(Path tree, Path file, SquashCompression compression, DoubleConsumer fraction) {
        runner.run(FilesystemTools.mksquashfs(tree.toString(), file.toString(), compression.mksquashfsName(),
                missingRuntimeDirs(tree)), FilesystemTools.mksquashfsProgress(fraction));
    }

    /** Runtime directories the tree lacks; a symlink in their place counts as present. */
    public static List<String> missingRuntimeDirs(Path tree) {
        List<String> missing = new ArrayList<>();
        for (String dir : RUNTIME_DIRS) {
            if (!Files.exists(tree.resolve(dir.substring(1)), LinkOption.NOFOLLOW_LINKS)) {
                missing.add(dir);
            }
        }
        return missing;
    }
}
