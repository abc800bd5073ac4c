package dev.cos.installer.install;

import dev.cos.installer.access.Caller;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.tools.LoopBacking.FileIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The disk image file an install creates, behind an interface so that the plan (a dry run)
 * creates nothing.
 */
public interface ImageFiles {

    /**
     * Creates {@code file} sparse, {@code size} long, mode 0600 (it will hold cloud-init files),
     * owned by the caller; never through a symbolic link and never over an existing file.
     *
     * @return the created file's identity, for checking the loop device attached over it
     * @throws InstallerException LOOP_DEVICE when it cannot, or when {@code file} already exists
     */
    FileIdentity create(Path file, ByteSize size);

    /** The identity of the existing {@code file} (a symbolic link's own). */
    FileIdentity identify(Path file);

    /** @param owner who is given the new file; empty: it stays root's */
    static ImageFiles system(Optional<Caller> owner) {
        return new ImageFiles() {
            @Override
            public FileIdentity create(Path file, ByteSize size) {
                try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    if (size.bytes() > 0) {
                        channel.write(ByteBuffer.allocate(1), size.bytes() - 1);  // the rest stays a hole
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new InstallerException(ErrorCode.LOOP_DEVICE, "cannot create the image file " + file
                            + ": it appeared after the checks (another program created it); nothing was changed, try again");
                } catch (IOException e) {
                    throw new InstallerException(ErrorCode.LOOP_DEVICE, "cannot create the image file " + file + ": "
                            + e.getMessage(), e.toString(), e);
                }
                FileIdentity created = identify(file);
                owner.ifPresent(caller -> handOver(file, created, caller));
                return created;
            }

            @Override
            public FileIdentity identify(Path file) {
                try {
                    return FileIdentity.of(file);
                } catch (IOException e) {
                    throw new InstallerException(ErrorCode.LOOP_DEVICE, "cannot read " + file + ": " + e.getMessage(),
                            e.toString(), e);
                }
            }
        };
    }

    /**
     * Gives the new file to the caller. Java has no fchown: the change goes by path, without following
     * a link, and only after the path is seen to still name the file just created with no other name (a
     * hard link swapped in would have two).
     */
    private static void handOver(Path file, FileIdentity created, Caller caller) {
        try {
            int links = (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links != 1 || !FileIdentity.of(file).equals(created)) {
                throw new InstallerException(ErrorCode.LOOP_DEVICE, "the image file " + file
                        + " was replaced right after it was created; nothing was written, try again");
            }
            Files.setAttribute(file, "unix:uid", caller.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", caller.gid(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.LOOP_DEVICE, "cannot give the image file " + file + " to the user "
                    + caller.name() + ": " + e.getMessage(), e.toString(), e);
        }
    }
}
