package dev.cos.installer.source;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a tar archive is compressed, with the decompressor that reads it. */
public enum Compression {
    NONE("uncompressed"),
    GZIP("gzip"),
    XZ("xz"),
    ZSTD("zstd"),
    BZIP2("bzip2");

    private final String displayName;

    Compression(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Wraps {@code compressed} in a decompressing stream (concatenated members/streams are read
     * as one, as GNU tar does). Closing the result closes {@code compressed}.
     */
    InputStream decompress(InputStream compressed) throws IOException {
        return switch (this) {
            case NONE -> compressed;
            case GZIP -> new GzipCompressorInputStream(compressed, true);
            case XZ -> new XZCompressorInputStream(compressed, true);
            case ZSTD -> new ZstdCompressorInputStream(compressed);
            case BZIP2 -> new BZip2CompressorInputStream(compressed, true);
        };
    }
}
