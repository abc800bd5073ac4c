package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.model.ByteSize;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Scans a tar archive in one streaming pass: file -> digest -> decompressor -> tar reader. Every
 * entry is validated against {@link TarEntryRules} and read to its end, so a truncated or corrupt
 * archive fails here, before anything is extracted.
 */
final class TarScanner {

    private static final String OS_RELEASE = "etc/os-release";
    private static final String OS_RELEASE_FALLBACK = "usr/lib/os-release";
    private static final int OS_RELEASE_MAX_BYTES = 64 * 1024;

    private TarScanner() {
    }

    static SourceFacts scan(TarArchiveSource source, ByteProgress progress) {
        Tally tally = new Tally();
        try (HashingInputStream raw = HashingInputStream.open(source.path(), progress)) {
            TailCheckingInputStream tarBytes = new TailCheckingInputStream(
                    source.compression().decompress(new BufferedInputStream(raw, 64 * 1024)));
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                tally.where = "at entry '" + entry.getName() + "'";
                if (!entry.isCheckSumOK()) {
                    // The reader leaves this check to its callers; GNU tar refuses such a header.
                    throw new IOException("its header checksum is wrong");
                }
                validate(source, entry);
                tally.count(entry, tar);
                tally.where = "after entry '" + entry.getName() + "'";
            }
            tally.where = "at the end of the archive";
            tarBytes.drain();
            if (!tarBytes.endsWithEndOfArchiveMarker()) {
                throw new IOException("the end-of-archive marker is missing");
            }
            raw.drain();
            Optional<OsRelease> osRelease = tally.osRelease();
            return new SourceFacts(source.uri(), raw.hexDigest(), raw.bytesRead(), ByteSize.ofBytes(tally.treeBytes),
                    tally.entries, osRelease);
        } catch (InstallerException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decompressors report bad data as IOException or, some, as unchecked exceptions.
            throw corrupt(source, tally.where, e);
        }
    }

    private static void validate(TarArchiveSource source, TarArchiveEntry entry) {
        String name = entry.getName();
        Optional<String> problem = TarEntryRules.checkName(name);
        if (problem.isEmpty() && entry.isLink()) {
            problem = TarEntryRules.checkHardLink(entry.getLinkName());
        }
        if (problem.isEmpty() && entry.isSymbolicLink()) {
            problem = TarEntryRules.checkSymlink(name, entry.getLinkName());
        }
        problem.ifPresent(p -> {
            throw new InstallerException(ErrorCode.SOURCE, "archive " + source.path() + " is refused: entry '" + name + "' " + p
                    + "; extracting it could write outside the target tree. Rebuild the archive with paths relative to its root.");
        });
    }

    private static InstallerException corrupt(TarArchiveSource source, String where, Exception e) {
        String reason = FailureWords.describe(e);
        return new InstallerException(ErrorCode.SOURCE, "archive " + source.path() + " is corrupt or truncated (" + where + "): "
                + reason + ". Download or build it again.", e.toString(), e);
    }

    /** What the entries add up to, and the os-release files met on the way. */
    private static final class Tally {
        String where = "at the first entry";
        long entries;
        long treeBytes;
        String osRelease;
        String osReleaseFallback;

        void count(TarArchiveEntry entry, InputStream content) throws IOException {
            String name = TarEntryRules.normalized(entry.getName());
            if (name.isEmpty()) {
                content.transferTo(OutputSink.INSTANCE);
                return;
            }
            entries++;
            if (isRegularFile(entry)) {
                treeBytes += entry.getRealSize();
                if (name.equals(OS_RELEASE) || name.equals(OS_RELEASE_FALLBACK)) {
                    String text = readSmall(content);
                    if (name.equals(OS_RELEASE)) {
                        osRelease = text;
                    } else {
                        osReleaseFallback = text;
                    }
                }
            } else {
                treeBytes += SourceFacts.BYTES_PER_INODE;
            }
            // Reading every byte is what proves the archive is complete.
            content.transferTo(OutputSink.INSTANCE);
        }

        // TarArchiveEntry.isFile() is true for links and devices too.
        private static boolean isRegularFile(TarArchiveEntry entry) {
            return !entry.isDirectory() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
                    && !entry.isBlockDevice() && !entry.isFIFO();
        }

        Optional<OsRelease> osRelease() {
            String text = osRelease != null ? osRelease : osReleaseFallback;
            return Optional.ofNullable(text).map(OsReleaseParser::parse);
        }

        private static String readSmall(InputStream content) throws IOException {
            return new String(content.readNBytes(OS_RELEASE_MAX_BYTES), StandardCharsets.UTF_8);
        }
    }
}
