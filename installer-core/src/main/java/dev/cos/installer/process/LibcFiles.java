package dev.cos.installer.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link NativeFiles} through the C library (JNA; glibc 2.33 or later, which exports mknod). */
final class LibcFiles implements NativeFiles {

    static final LibcFiles INSTANCE = new LibcFiles();
    private static final Logger LOG = LoggerFactory.getLogger(LibcFiles.class);
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private interface C extends Library {
        int lchown(String path, int uid, int gid) throws LastErrorException;

        int chmod(String path, int mode) throws LastErrorException;

        int mknod(String path, int mode, long dev) throws LastErrorException;

        int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

        int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

        String strerror(int errno);
    }

    private static final class Loaded {
        static final C C = Libc.load("c", C.class);
    }

    private LibcFiles() {
    }

    @Override
    public void lchown(Path path, int uid, int gid) throws IOException {
        call("lchown", path, () -> Loaded.C.lchown(path.toString(), uid, gid));
    }

    @Override
    public void chmod(Path path, int mode) throws IOException {
        call("chmod", path, () -> Loaded.C.chmod(path.toString(), mode & 07777));
    }

    @Override
    public void mknod(Path path, int type, int permissions, int major, int minor) throws IOException {
        LOG.debug("mknod {} type {} {}:{}", path, Integer.toOctalString(type), major, minor);
        call("mknod", path, () -> Loaded.C.mknod(path.toString(), type | (permissions & 07777), makedev(major, minor)));
    }

    @Override
    public void lsetxattr(Path path, String name, byte[] value) throws IOException {
        call("lsetxattr " + name, path, () -> Loaded.C.lsetxattr(path.toString(), name, value, value.length, 0));
    }

    @Override
    public void lutimes(Path path, Instant accessed, Instant modified) throws IOException {
        long[] times = {accessed.getEpochSecond(), accessed.getNano(), modified.getEpochSecond(), modified.getNano()};
        call("utimensat", path, () -> Loaded.C.utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW));
    }

    /** glibc's makedev: 12 bits of major and 20 of minor in the classic places, the rest above. */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    private interface Call {
        int run();
    }

    private static void call(String what, Path path, Call call) throws IOException {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new IOException(what + " " + path + ": " + Loaded.C.strerror(e.getErrorCode()) + " (errno "
                    + e.getErrorCode() + ")", e);
        }
    }
}
