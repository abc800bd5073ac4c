package dev.cos.installer.sys;

import java.nio.file.Path;
import java.util.List;

/** Mounts and unmounts filesystems. Behind an interface so flow tests can record mounts. */
public interface Mounter {

    /**
     * Mounts {@code source} (a block device or, with the {@code loop} option, an image file) at
     * {@code mountPoint}, which must exist.
     *
     * @param fsType the filesystem type, or empty to let mount(8) probe it
     * @param options mount options such as {@code ro} or {@code loop}; may be empty
     */
    void mount(String source, Path mountPoint, String fsType, List<String> options);

    void unmount(Path mountPoint);
}
