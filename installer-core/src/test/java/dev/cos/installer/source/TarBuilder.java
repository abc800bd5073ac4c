package dev.cos.installer.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds tar archives for tests, names kept exactly as given (absolute ones too). */
final class TarBuilder {

    private record Item(TarArchiveEntry entry, byte[] content) {}

    private final List<Item> items = new ArrayList<>();

    TarBuilder dir(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
        entry.setMode(040755);
        items.add(new Item(entry, new byte[0]));
        return this;
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder file(String name, byte[] content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        entry.setMode(0100644);
        items.add(new Item(entry, content));
        return this;
    }

    TarBuilder symlink(String name, String target) {
        return link(name, target, TarConstants.LF_SYMLINK);
    }

    TarBuilder hardLink(String name, String target) {
        return link(name, target, TarConstants.LF_LINK);
    }

    private TarBuilder link(String name, String target, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        items.add(new Item(entry, new byte[0]));
        return this;
    }

    /** The uncompressed archive. */
    byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                tar.write(item.content());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** Writes the archive, compressed as asked, and returns {@code file}. */
    Path write(Path file, Compression compression) throws IOException {
        byte[] tar = bytes();
        try (OutputStream out = compress(Files.newOutputStream(file), compression)) {
            out.write(tar);
        }
        return file;
    }

    static OutputStream compress(OutputStream out, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GzipCompressorOutputStream(out);
            case XZ -> new XZCompressorOutputStream(out);
            case ZSTD -> new ZstdCompressorOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
        };
    }
}
