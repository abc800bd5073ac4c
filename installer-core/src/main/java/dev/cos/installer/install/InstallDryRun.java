package dev.cos.installer.install;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.source.SourceCopier;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Turns a prepared install into the exact list of operations it would perform, by running the
 * install job against a {@link DryRunCommandRunner} and a throw-away directory. Writes nothing to
 * the target.
 */
public final class InstallDryRun {

    private final TargetGuard guard;

    /** @param guard the install's in-use check, which the dry run makes too (it only reads) */
    public InstallDryRun(TargetGuard guard) {
        this.guard = guard;
    }

    public List<DryRunCommandRunner.Operation> operations(PreparedInstall prepared) {
        DryRunCommandRunner dryRun = new DryRunCommandRunner();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("cos-installer-plan-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            InstallJob job = new InstallJob(prepared, dryRun, new CommandMounter(dryRun).andAfterUnmount(InstallDryRun::empty),
                    dryRun::partitionsAnnounced,
                    new SourceUnpacker(dryRun, new CommandMounter(dryRun), InstallDryRun.listedCopy(dryRun)), guard,
                    scratch.resolve("mnt"), Clock.systemUTC(), dryRun::fileOperation, dryRun.imageFiles());
            job.run(ProgressListener.NONE, "plan (a dry run)");
        } finally {
            Trees.delete(scratch);
        }
        return dryRun.operations();
    }

    /** The install copies a source file into its work directory; the plan only says so. */
    private static SourceCopier listedCopy(DryRunCommandRunner dryRun) {
        return (source, copy, expectedSha256, progress) -> dryRun.fileOperation("copy " + source + " to " + copy
                + " and check its sha256");
    }

    /** The files the job wrote into a mount point belong to the (here imaginary) filesystem: they leave with it. */
    private static void empty(Path mountPoint) {
        if (Files.isDirectory(mountPoint)) {
            Trees.delete(mountPoint);
            try {
                Files.createDirectory(mountPoint);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
