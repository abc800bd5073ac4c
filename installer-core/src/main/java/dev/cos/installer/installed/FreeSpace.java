package dev.cos.installer.installed;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space of a mounted filesystem; behind an interface so flow tests decide it. */
@FunctionalInterface
public interface FreeSpace {

    /** Bytes an unprivileged writer may still use on the filesystem mounted at {@code mountPoint} (statvfs f_bavail). */
    ByteSize usable(Path mountPoint);

    /**
     * Bytes an unprivileged writer could use on that filesystem once it is reformatted the same way:
     * its data blocks (statvfs f_blocks, metadata and journal already left out) less the blocks
     * reserved for root. A reset checks against this before it formats anything. Reads the real
     * filesystem unless overridden.
     */
    default ByteSize capacity(Path mountPoint) {
        return measure(mountPoint, store -> store.getTotalSpace() - (store.getUnallocatedSpace() - store.getUsableSpace()));
    }

    static FreeSpace system() {
        return mountPoint -> measure(mountPoint, FileStore::getUsableSpace);
    }

    private static ByteSize measure(Path mountPoint, StoreFigure figure) {
        try {
            return ByteSize.ofBytes(figure.of(Files.getFileStore(mountPoint)));
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.MOUNT, "cannot read the free space of " + mountPoint + ": "
                    + FailureWords.describe(e));
        }
    }

    /** A statvfs figure of a file store, in bytes. */
    @FunctionalInterface
    interface StoreFigure {
        long of(FileStore store) throws IOException;
    }
}
