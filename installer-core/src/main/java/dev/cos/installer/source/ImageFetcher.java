package dev.cos.installer.source;

import dev.cos.installer.job.ByteProgress;
import java.nio.file.Path;

/**
 * Downloads a remote image to a local file. Behind an interface so the jobs' flow tests use a fake.
 */
@FunctionalInterface
public interface ImageFetcher {

    /**
     * Downloads {@code source} into a new file inside {@code directory} (which must exist) and checks
     * its digest when one is known. On any failure the partial file is removed before the exception
     * leaves. Blocks the caller's thread.
     *
     * @param progress bytes received so far and the announced total (0 when the server gave none)
     * @throws dev.cos.installer.error.InstallerException {@link dev.cos.installer.error.ErrorCode#SOURCE}
     *     (no image at the URL, digest mismatch), {@link dev.cos.installer.error.ErrorCode#NO_SPACE}
     *     (the image does not fit in {@code directory}), {@link dev.cos.installer.error.ErrorCode#DOWNLOAD}
     *     (connection, timeout, other HTTP errors, transfer cut short)
     */
    FetchedImage fetch(RemoteSource source, Path directory, ByteProgress progress);
}
