package dev.cos.installer.disk;

import dev.cos.installer.model.ByteSize;
import java.util.List;
import java.util.stream.Stream;

/**
 * One device of the kernel's block device tree as lsblk reports it: a disk or loop device at the
 * top, its partitions and any devices stacked on them (LVM, crypt, MD) as children. Text that
 * lsblk reported as null is an empty string.
 *
 * @param kernelName the kernel name ({@code dm-0} where {@code name} is {@code vg-root})
 * @param majorMinor {@code "8:0"}, the key mountinfo uses
 * @param type lsblk's type: {@code disk}, {@code loop}, {@code part}, {@code lvm}, {@code rom}, ...
 * @param mountpoints where lsblk saw the device mounted; empty when not mounted
 */
public record BlockNode(
        String name,
        String kernelName,
        String path,
        String type,
        ByteSize size,
        String model,
        String serial,
        String transport,
        boolean removable,
        boolean readOnly,
        int logicalSectorBytes,
        String majorMinor,
        List<String> mountpoints,
        List<BlockNode> children) {

    public BlockNode {
        mountpoints = List.copyOf(mountpoints);
        children = List.copyOf(children);
    }

    /** This device, then its children, their children and so on (depth first). */
    public Stream<BlockNode> selfAndDescendants() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(BlockNode::selfAndDescendants));
    }

    /** The direct children that are partitions of this device. */
    public List<BlockNode> partitions() {
        return children.stream().filter(c -> c.type().equals("part")).toList();
    }
}
