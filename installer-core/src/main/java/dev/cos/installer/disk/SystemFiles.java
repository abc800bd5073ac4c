package dev.cos.installer.disk;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's view of mounts, swap and block devices, read from {@code /proc} and {@code /sys}
 * under a root directory, so tests can point it at a fixture tree. Devices are named by their
 * kernel name ({@code sda}, {@code sda2}, {@code loop0p1}, {@code dm-0}).
 */
public interface SystemFiles {

    /** The live system: files under {@code /}. */
    static SystemFiles live() {
        return new RootedSystemFiles(Path.of("/"));
    }

    /**
     * The text of {@code /proc/self/mountinfo}.
     *
     * @throws dev.cos.installer.error.InstallerException when it cannot be read: without it no disk
     *     can be shown to be free
     */
    String mountInfo();

    /** The text of {@code /proc/swaps}; empty when the kernel has no swap support. */
    String swaps();

    /** The kernel command line; empty when unreadable. */
    String kernelCommandLine();

    /** The kernel names in {@code /sys/class/block/NAME/holders} (LVM, MD, dm); empty when none. */
    List<String> holders(String kernelName);

    /** Whether {@code /sys/class/block/NAME/ro} says 1. */
    boolean readOnly(String kernelName);

    /** The image file behind loop device {@code NAME}, from {@code /sys/class/block/NAME/loop/backing_file}. */
    Optional<String> loopBackingFile(String kernelName);
}
