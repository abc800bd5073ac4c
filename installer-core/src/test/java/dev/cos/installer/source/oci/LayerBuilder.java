package dev.cos.installer.source.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Builds image layers (tars as Go's archive/tar writes them: PAX headers, xattrs as SCHILY.xattr.*)
 * for unit tests. Binary xattr values are written raw: commons-compress only writes strings, so an
 * ASCII placeholder of the same length is written and then replaced in the bytes.
 */
final class LayerBuilder {

    private record Item(TarArchiveEntry entry, byte[] content) {}

    private final List<Item> items = new ArrayList<>();
    private final Map<String, byte[]> rawValues = new LinkedHashMap<>();

    LayerBuilder dir(String name) {
        return dir(name, 0755);
    }

    LayerBuilder dir(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
        entry.setMode(040000 | mode);
        return add(entry, new byte[0]);
    }

    LayerBuilder file(String name, String content) {
        return file(name, content, 0644, 0, 0);
    }

    LayerBuilder file(String name, String content, int mode, int uid, int gid) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        entry.setMode(0100000 | mode);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        return add(entry, bytes);
    }

    /** A whiteout of {@code name} in {@code dir} ("" for the root). */
    LayerBuilder whiteout(String dir, String name) {
        return file((dir.isEmpty() ? "" : dir + "/") + ".wh." + name, "");
    }

    LayerBuilder opaque(String dir) {
        return file(dir + "/.wh..wh..opq", "");
    }

    LayerBuilder symlink(String name, String target) {
        return link(name, target, TarConstants.LF_SYMLINK);
    }

    LayerBuilder hardLink(String name, String target) {
        return link(name, target, TarConstants.LF_LINK);
    }

    LayerBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        entry.setMode(020000 | 0666);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        return add(entry, new byte[0]);
    }

    LayerBuilder fifo(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        entry.setMode(010000 | 0640);
        return add(entry, new byte[0]);
    }

    /** Gives the last entry an xattr with these exact bytes. */
    LayerBuilder xattr(String name, byte[] value) {
        String placeholder = "Q".repeat(value.length - 1) + (char) ('a' + rawValues.size());
        rawValues.put(placeholder, value);
        items.get(items.size() - 1).entry().addPaxHeader("SCHILY.xattr." + name, placeholder);
        return this;
    }

    private LayerBuilder link(String name, String target, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    private LayerBuilder add(TarArchiveEntry entry, byte[] content) {
        items.add(new Item(entry, content));
        return this;
    }

    byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes);
        byte[] tar = bytes.toByteArray();
        for (Map.Entry<String, byte[]> raw : rawValues.entrySet()) {
            byte[] placeholder = raw.getKey().getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(tar, placeholder);
            System.arraycopy(raw.getValue(), 0, tar, at, placeholder.length);
        }
        return tar;
    }

    byte[] gzip() {
        return compress(true);
    }

    byte[] zstd() {
        return compress(false);
    }

    private byte[] compress(boolean gzip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GzipCompressorOutputStream(bytes) : new ZstdCompressorOutputStream(bytes)) {
            out.write(tar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void write(OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                tar.write(item.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("placeholder not found: " + Arrays.toString(needle));
    }
}
