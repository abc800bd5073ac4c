package dev.cos.installer.process;

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

    /**
     * This mounter, then {@code afterUnmount} with each mount point it unmounted: for dry runs and
     * tests, where the mount points are plain directories and the files written there must leave
     * with the (imaginary) filesystem.
     */
    default Mounter andAfterUnmount(java.util.function.Consumer<Path> afterUnmount) {
        Mounter self = this;
        return new Mounter() {
            @Override
            public void mount(String source, Path mountPoint, String fsType, List<String> options) {
                self.mount(source, mountPoint, fsType, options);
            }

            @Override
            public void unmount(Path mountPoint) {
                self.unmount(mountPoint);
                afterUnmount.accept(mountPoint);
            }
        };
    }
}
