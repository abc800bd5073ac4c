package dev.cos.installer.source.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows a tar stream's structure as its bytes pass to the tar reader and keeps each entry's
 * extended attributes as raw bytes. Needed because commons-compress gives PAX values as UTF-8
 * strings, and {@code SCHILY.xattr.security.capability} is binary (Go's archive/tar, which writes
 * image layers, stores it raw): any byte above 0x7f would be lost in the string.
 *
 * <p>One map per entry header, in order: the reader takes one after each entry it returns.
 *
 * <p>It also ends a tar that stops cleanly after its last entry's data without the padding and the
 * end-of-archive blocks (umoci 0.4's {@code insert} writes such layers, and Go's tar reader, which
 * container tools use, accepts them): the missing zeros are given. A tar cut inside a header or an
 * entry's data stays truncated, and the tar reader refuses it.
 */
final class PaxXattrs extends FilterInputStream {

    static final String XATTR_PREFIX = "SCHILY.xattr.";
    private static final int BLOCK = 512;

    private final byte[] header = new byte[BLOCK];
    private int headerFill;
    private long dataLeft;
    private long paddingLeft;
    private byte[] paxData;
    private int paxFill;
    private Map<String, byte[]> pending = new LinkedHashMap<>();
    private long pendingSize = -1;
    private final ArrayDeque<Map<String, byte[]>> entries = new ArrayDeque<>();
    /** Zeros given after a clean end without the end-of-archive blocks; -1 until then. */
    private long endZeros = -1;

    PaxXattrs(InputStream in) {
        super(in);
    }

    /** The xattrs of the next entry the reader returned, in header order (empty when it had none). */
    Map<String, byte[]> next() {
        Map<String, byte[]> next = entries.poll();
        return next == null ? Map.of() : next;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = endZeros < 0 ? super.read(buffer, from, length) : -1;
        if (n > 0) {
            follow(buffer, from, n);
            return n;
        }
        if (endZeros < 0 && n < 0 && dataLeft == 0 && headerFill == 0) {
            endZeros = paddingLeft + 2L * BLOCK;
        }
        if (endZeros > 0) {
            int zeros = (int) Math.min(endZeros, length);
            java.util.Arrays.fill(buffer, from, from + zeros, (byte) 0);
            endZeros -= zeros;
            return zeros;
        }
        return n;
    }

    /** Skipped bytes are read here: every byte must pass through {@link #follow}. */
    @Override
    public long skip(long count) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped < count) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void follow(byte[] buffer, int from, int length) {
        int at = from;
        int end = from + length;
        while (at < end) {
            if (dataLeft > 0) {
                int n = (int) Math.min(dataLeft, end - at);
                if (paxData != null) {
                    System.arraycopy(buffer, at, paxData, paxFill, n);
                    paxFill += n;
                }
                dataLeft -= n;
                at += n;
                if (dataLeft == 0 && paxData != null) {
                    parsePax(paxData);
                    paxData = null;
                }
            } else if (paddingLeft > 0) {
                int n = (int) Math.min(paddingLeft, end - at);
                paddingLeft -= n;
                at += n;
            } else {
                int n = Math.min(BLOCK - headerFill, end - at);
                System.arraycopy(buffer, at, header, headerFill, n);
                headerFill += n;
                at += n;
                if (headerFill == BLOCK) {
                    headerFill = 0;
                    onHeader();
                }
            }
        }
    }

    private void onHeader() {
        boolean zero = true;
        for (byte b : header) {
            if (b != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return;   // end-of-archive blocks
        }
        byte type = header[156];
        long size = size();
        boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K' || type == 'X';
        if (!meta) {
            entries.add(pending);
            if (pendingSize >= 0) {
                size = pendingSize;
            }
            if (type == '1' || type == '2') {
                size = 0;   // links carry no data
            }
            pending = new LinkedHashMap<>();
            pendingSize = -1;
        }
        dataLeft = size;
        paddingLeft = (BLOCK - size % BLOCK) % BLOCK;
        if (type == 'x' && size > 0 && size < Integer.MAX_VALUE) {
            paxData = new byte[(int) size];
            paxFill = 0;
        }
    }

    /** The size field: octal, or base-256 when its first byte has the high bit (GNU, for large sizes). */
    private long size() {
        if ((header[124] & 0x80) != 0) {
            long value = 0;
            for (int i = 125; i < 136; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        long value = 0;
        for (int i = 124; i < 136; i++) {
            byte b = header[i];
            if (b >= '0' && b <= '7') {
                value = value * 8 + (b - '0');
            } else if (b != ' ' && value > 0) {
                break;
            }
        }
        return value;
    }

    /** Records "LEN key=value\n", LEN counting the whole record. */
    private void parsePax(byte[] data) {
        int at = 0;
        while (at < data.length) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            if (space >= data.length) {
                return;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return;   // the tar reader reports the damage
            }
            int recordEnd = at + length;
            if (length <= 0 || recordEnd > data.length) {
                return;
            }
            int equals = space + 1;
            while (equals < recordEnd && data[equals] != '=') {
                equals++;
            }
            if (equals < recordEnd) {
                String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
                byte[] value = Arrays.copyOfRange(data, equals + 1, recordEnd - 1);
                if (key.startsWith(XATTR_PREFIX)) {
                    pending.put(key.substring(XATTR_PREFIX.length()), value);
                } else if (key.equals("size")) {
                    try {
                        pendingSize = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
                    } catch (NumberFormatException e) {
                        pendingSize = -1;
                    }
                }
            }
            at = recordEnd;
        }
    }
}
