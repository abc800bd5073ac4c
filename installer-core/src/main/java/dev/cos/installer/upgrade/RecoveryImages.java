package dev.cos.installer.upgrade;

import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.spec.SquashCompression;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.installed.OpenedSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which format the recovery image on COS_RECOVERY has, so its replacement is built the same way. */
final class RecoveryImages {

    private static final Pattern COMPRESSION = Pattern.compile("(?m)^Compression (\\w+)");

    /** A recovery image format: squashfs with a compression, or ext2 (labelled COS_SYSTEM). */
    record Format(RecoveryFs fs, SquashCompression compression) {
        static Format[] values() {
            return new Format[] {new Format(RecoveryFs.SQUASHFS, SquashCompression.GZIP), new Format(RecoveryFs.EXT2,
                    SquashCompression.GZIP)};
        }

        boolean isSquashfs() {
            return fs == RecoveryFs.SQUASHFS;
        }

        String imageName() {
            return fs.fileName();
        }

        /** transition.squashfs or transition.img, beside the recovery image. */
        String transitionName() {
            return isSquashfs() ? "transition.squashfs" : UpgradeJob.TRANSITION;
        }

        String fsName() {
            return fs.fs();
        }
    }

    private final CommandRunner runner;

    RecoveryImages(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * The format of the image present (recovery.squashfs wins over recovery.img), with the squashfs
     * compression {@code unsquashfs -s} reports; state.yaml's fs when neither file is there.
     */
    Format currentFormat(OpenedSystem system) {
        Path squashfs = system.recoveryImages().resolve(RecoveryFs.SQUASHFS.fileName());
        if (Files.isRegularFile(squashfs)) {
            CommandResult stats = runner.execute(Command.of("unsquashfs", "-s", squashfs.toString()));
            return new Format(RecoveryFs.SQUASHFS, compression(stats.stdout()).orElse(SquashCompression.GZIP));
        }
        if (Files.isRegularFile(system.recoveryImages().resolve(RecoveryFs.EXT2.fileName()))) {
            return new Format(RecoveryFs.EXT2, SquashCompression.GZIP);
        }
        boolean ext2 = system.state().recovery().fs().equals(RecoveryFs.EXT2.fs());
        return new Format(ext2 ? RecoveryFs.EXT2 : RecoveryFs.SQUASHFS, SquashCompression.GZIP);
    }

    /** The compression in {@code unsquashfs -s} output, when GRUB can read it (gzip, xz, lzo). */
    static Optional<SquashCompression> compression(String unsquashfsStats) {
        Matcher m = COMPRESSION.matcher(unsquashfsStats);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SquashCompression.valueOf(m.group(1).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
