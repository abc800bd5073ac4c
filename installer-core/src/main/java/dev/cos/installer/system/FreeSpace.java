package dev.cos.installer.system;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space of a mounted filesystem; behind an interface so flow tests decide it. */
@FunctionalInterface
public interface FreeSpace {

    /** Bytes an unprivileged writer may still use on the filesystem mounted at {@code mountPoint} (statvfs f_bavail). */
    ByteSize usable(Path mountPoint);

    static FreeSpace system() {
        return mountPoint -> {
            try {
                return ByteSize.ofBytes(Files.getFileStore(mountPoint).getUsableSpace());
            } catch (IOException e) {
                throw new InstallerException(ErrorCode.MOUNT, "cannot read the free space of " + mountPoint + ": " + FailureWords.describe(e));
            }
        };
    }
}
