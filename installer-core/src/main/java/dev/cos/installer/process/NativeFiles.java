package dev.cos.installer.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The file calls Java's file API cannot make, which unpacking a root filesystem needs: owners and
 * modes with setuid/setgid/sticky, device nodes and fifos, extended attributes (security.capability,
 * SELinux labels) and times, all without following a symlink where the call allows it. Linux.
 */
public interface NativeFiles {

    /** {@code lchown(2)}: the owner of the path itself (a symlink's own). */
    void lchown(Path path, int uid, int gid) throws IOException;

    /**
     * {@code chmod(2)} with the full 12 permission bits (07777). Follows a symlink: never call it on one
     * (Linux has no mode for symlinks).
     */
    void chmod(Path path, int mode) throws IOException;

    /**
     * {@code mknod(2)}: a character or block device, or a fifo.
     *
     * @param type one of {@link #S_IFCHR}, {@link #S_IFBLK}, {@link #S_IFIFO}
     * @param permissions the permission bits (the umask applies; set them with {@link #chmod} after)
     */
    void mknod(Path path, int type, int permissions, int major, int minor) throws IOException;

    /** {@code lsetxattr(2)}: sets an extended attribute of the path itself, creating or replacing it. */
    void lsetxattr(Path path, String name, byte[] value) throws IOException;

    /** {@code utimensat(2)} with {@code AT_SYMLINK_NOFOLLOW}: access and modification times of the path itself. */
    void lutimes(Path path, Instant accessed, Instant modified) throws IOException;

    int S_IFIFO = 0010000;
    int S_IFCHR = 0020000;
    int S_IFBLK = 0060000;

    /** The calls made for real, through the C library. */
    static NativeFiles libc() {
        return LibcFiles.INSTANCE;
    }
}
