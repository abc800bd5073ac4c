package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandFailedException;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import java.io.IOException;
import java.util.Optional;

/**
 * Scans squashfs and ext images with their own tools: validity (unsquashfs -s, e2fsck -fn), tree
 * size from the listing or the superblock, and the SHA-256 of the file.
 */
final class FilesystemImageScanner {

    private final CommandRunner runner;

    FilesystemImageScanner(CommandRunner runner) {
        this.runner = runner;
    }

    SourceFacts scanSquashfs(SquashfsSource source, ByteProgress progress) {
        String file = source.path().toString();
        CommandResult stat = runner.execute(Command.of("unsquashfs", "-s", file));
        if (!stat.succeeded()) {
            throw refused(stat, source.path() + " is not a readable squashfs: " + lastLine(stat)
                    + ". Build it again with mksquashfs.");
        }
        UnsquashfsListing listing = UnsquashfsListing.parse(runChecked(source, "unsquashfs", "-lls", "-n", file));
        return facts(source, progress, ByteSize.ofBytes(listing.treeBytes()), listing.entries());
    }

    SourceFacts scanExtImage(ExtImageSource source, ByteProgress progress) {
        String file = source.path().toString();
        CommandResult check = runner.execute(Command.of("e2fsck", "-fn", file));
        if (!check.succeeded()) {
            throw refused(check, "ext image " + source.path() + " is not clean (e2fsck -fn exited with " + check.exitCode()
                    + "): repair it with e2fsck -f, or build it again");
        }
        Dumpe2fsHeader header;
        try {
            header = Dumpe2fsHeader.parse(runChecked(source, "dumpe2fs", "-h", file));
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ErrorCode.SOURCE, "cannot size ext image " + source.path() + ": " + e.getMessage(),
                    e.toString(), e);
        }
        long treeBytes = header.contentBytes() + header.usedInodes() * SourceFacts.BYTES_PER_INODE;
        return facts(source, progress, ByteSize.ofBytes(treeBytes), header.usedInodes());
    }

    private String runChecked(ImageSource source, String... argv) {
        try {
            return runner.run(argv).stdout();
        } catch (CommandFailedException e) {
            throw refused(e.result(), "cannot read " + source.description() + " " + source.path() + ": " + e.getMessage());
        }
    }

    private static SourceFacts facts(ImageSource source, ByteProgress progress, ByteSize treeSize, long entries) {
        try (HashingInputStream in = HashingInputStream.open(source.path(), progress)) {
            in.drain();
            return new SourceFacts(source.uri(), in.hexDigest(), in.bytesRead(), treeSize, entries, Optional.empty());
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.SOURCE, "cannot read " + source.path() + ": " + FailureWords.describe(e), e.toString(), e);
        }
    }

    private static InstallerException refused(CommandResult result, String message) {
        return new InstallerException(ErrorCode.SOURCE, message,
                result.command().display() + " exited " + result.exitCode() + "\n" + result.stdout() + result.stderr());
    }

    private static String lastLine(CommandResult result) {
        String text = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
        return text.isEmpty() ? "exit code " + result.exitCode() : text.substring(text.lastIndexOf('\n') + 1);
    }
}
