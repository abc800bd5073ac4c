package dev.cos.installer.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.disk.UnusableReason.Kind;
import dev.cos.installer.model.ByteSize;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why a disk cannot be used, decided from fixture /proc and /sys trees and the captured lsblk tree
 * (loop0 with partitions loop0p1..3 = 259:0..2, and vda = 254:0 holding /).
 */
class TargetUsageTest {

    private static final ByteSize SMALL_MINIMUM = ByteSize.ofMiB(100);

    @TempDir
    Path root;

    private DiskFixtures.Tree system;
    private List<BlockNode> tree;
    private BlockNode loop0;
    private BlockNode vda;

    @BeforeEach
    void setUp() {
        system = new DiskFixtures.Tree(root);
        // The captured lsblk saw loop0p1 mounted; these tests let mountinfo alone say what is mounted.
        tree = LsblkParser.parse(DiskFixtures.read(DiskFixtures.LSBLK).replace("\"/tmp/disks-cap/mnt\"", "null"));
        loop0 = tree.get(0);
        vda = tree.get(2);
    }

    private List<UnusableReason> reasonsAgainst(BlockNode disk, ByteSize minimum) {
        return new TargetUsage(system.files()).reasonsAgainst(disk, tree, partitionsOfLoop0(), minimum);
    }

    private static List<DiskPartition> partitionsOfLoop0() {
        return List.of(
                new DiskPartition(1, "/dev/loop0p1", ByteSize.ofMiB(100), "cos-data", "", "ext4", "COS_OEM", List.of()),
                new DiskPartition(2, "/dev/loop0p2", ByteSize.ofMiB(64), "cos-efi", "", "vfat", "COS_GRUB", List.of()),
                new DiskPartition(3, "/dev/loop0p3", ByteSize.ofMiB(32), "raw-space", "", "", "", List.of()));
    }

    private static UnusableReason reason(Kind kind, String message) {
        return new UnusableReason(kind, message);
    }

    @Test
    void cleanDiskHasNoReason() {
        assertEquals(List.of(), reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void mountedPartitionFoundByMajorMinorInMountInfo() {
        system.mountInfo(DiskFixtures.read("mountinfo-with-loop-mounted.txt"));

        assertEquals(List.of(reason(Kind.MOUNTED, "/dev/loop0p1 is mounted at /tmp/disks-cap/mnt: unmount it first")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void mountedPartitionFoundBySourcePathWhenTheDeviceNumberIsAnonymous() {
        // btrfs reports 0:N in mountinfo: only the source path ties the mount to the partition.
        system.mount("0:45", "/dev/loop0p3", "/srv/my\\040data");

        assertEquals(List.of(reason(Kind.MOUNTED, "/dev/loop0p3 is mounted at /srv/my data: unmount it first")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void mountSeenOnlyByLsblkStillCounts() {
        List<BlockNode> captured = LsblkParser.parse(DiskFixtures.read(DiskFixtures.LSBLK));

        List<UnusableReason> reasons = new TargetUsage(system.files())
                .reasonsAgainst(captured.get(0), captured, partitionsOfLoop0(), SMALL_MINIMUM);

        assertEquals(List.of(reason(Kind.MOUNTED, "/dev/loop0p1 is mounted at /tmp/disks-cap/mnt: unmount it first")), reasons);
    }

    @Test
    void rootDiskHoldsTheRunningSystemAndIsNotToldToUnmountRoot() {
        assertEquals(List.of(reason(Kind.HOLDS_RUNNING_ROOT,
                        "/dev/vda holds the running system (/ is on /dev/vda): choose another disk")),
                reasonsAgainst(vda, SMALL_MINIMUM));
        assertEquals(List.of(), reasonsAgainst(loop0, SMALL_MINIMUM), "the root disk's mounts say nothing about loop0");
    }

    @Test
    void rootOnALoopImageStoredOnAPartitionHoldsTheRunningSystem() {
        // A running cOS: / is active.img loop-mounted from COS_STATE, here loop0p1.
        system.mountInfo("""
                27 1 7:5 / / ro,relatime - ext2 /dev/loop5 ro
                28 27 259:0 / /run/initramfs/cos-state ro,relatime - ext4 /dev/loop0p1 ro
                """).loopBackingFile("loop5", "/run/initramfs/cos-state/cOS/active.img");

        assertEquals(List.of(
                reason(Kind.HOLDS_RUNNING_ROOT, "/dev/loop0 holds the running system (/ is on /dev/loop5, whose image"
                        + " /run/initramfs/cos-state/cOS/active.img is on /dev/loop0p1): choose another disk"),
                reason(Kind.MOUNTED, "/dev/loop0p1 is mounted at /run/initramfs/cos-state: unmount it first")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
        assertEquals(List.of(), reasonsAgainst(vda, SMALL_MINIMUM), "vda no longer holds /");
    }

    @Test
    void rootOnAPartitionOfTheDisk() {
        system.mountInfo("27 1 259:1 / / rw,relatime - ext4 /dev/loop0p2 rw\n");

        assertEquals(List.of(reason(Kind.HOLDS_RUNNING_ROOT,
                        "/dev/loop0 holds the running system (/ is on /dev/loop0p2): choose another disk")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void liveMediumMountedFromThePartition() {
        system.mount("259:1", "/dev/loop0p2", "/run/live/medium");

        assertEquals(List.of(reason(Kind.LIVE_MEDIUM,
                        "/dev/loop0 holds the live medium (/run/live/medium is on /dev/loop0p2): choose another disk")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void liveMediumIsAnIsoFileOnTheDisk() {
        // findiso=: the ISO is attached to loop6 and mounted; the file itself lives on loop0p1.
        system.mount("259:0", "/dev/loop0p1", "/run/live/findiso")
                .mount("7:6", "/dev/loop6", "/run/live/medium")
                .loopBackingFile("loop6", "/run/live/findiso/boot/cos.iso");

        List<UnusableReason> reasons = reasonsAgainst(loop0, SMALL_MINIMUM);

        assertEquals(List.of(reason(Kind.LIVE_MEDIUM, "/dev/loop0 holds the live medium (/run/live/medium is on"
                + " /dev/loop6, whose image /run/live/findiso/boot/cos.iso is on /dev/loop0p1): choose another disk")), reasons);
    }

    @Test
    void liveMediumNamedByLabelOnTheKernelCommandLine() {
        system.cmdline("root=live:CDLABEL=COS_GRUB rd.live.image");

        assertEquals(List.of(reason(Kind.LIVE_MEDIUM, "/dev/loop0 holds the live medium (/dev/loop0p2 is labelled"
                + " COS_GRUB, the live root on the kernel command line): choose another disk")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void swapOnTheWholeDisk() {
        system.swaps(DiskFixtures.read("swaps-loop-device.txt"));

        assertEquals(List.of(reason(Kind.ACTIVE_SWAP, "/dev/loop0 is in use as swap: run swapoff /dev/loop0 first")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void swapPartitionAndSwapFile() {
        system.mount("259:0", "/dev/loop0p1", "/data").swaps("""
                Filename				Type		Size		Used		Priority
                /dev/loop0p3                            partition	32764		0		-2
                /data/swapfile                          file		1024		0		-3
                """);

        List<UnusableReason> reasons = reasonsAgainst(loop0, SMALL_MINIMUM);

        assertTrue(reasons.contains(reason(Kind.ACTIVE_SWAP, "/dev/loop0p3 is in use as swap: run swapoff /dev/loop0p3 first")), reasons.toString());
        assertTrue(reasons.contains(reason(Kind.ACTIVE_SWAP, "swap file /data/swapfile is on /dev/loop0p1: run swapoff /data/swapfile first")), reasons.toString());
    }

    @Test
    void partitionHeldByDeviceMapper() {
        system.holder("loop0p2", "dm-0");

        assertEquals(List.of(reason(Kind.IN_USE_BY_HOLDER, "/dev/loop0p2 is in use by /dev/dm-0 (LVM, RAID or device-mapper):"
                + " deactivate it first, e.g. with vgchange -an VG or mdadm --stop")), reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void wholeDiskHeldByRaid() {
        system.holder("loop0", "md127");

        List<UnusableReason> reasons = reasonsAgainst(loop0, SMALL_MINIMUM);

        assertEquals(List.of(Kind.IN_USE_BY_HOLDER), reasons.stream().map(UnusableReason::kind).toList());
        assertTrue(reasons.get(0).message().startsWith("/dev/loop0 is in use by /dev/md127"), reasons.toString());
    }

    @Test
    void readOnlyInSysfs() {
        system.readOnly("loop0");

        assertEquals(List.of(reason(Kind.READ_ONLY, "/dev/loop0 is read-only: choose a writable disk")),
                reasonsAgainst(loop0, SMALL_MINIMUM));
    }

    @Test
    void tooSmallNamesBothSizes() {
        assertEquals(List.of(reason(Kind.TOO_SMALL,
                        "/dev/loop0 is 300 MiB, less than the 4.0 GiB the installation needs: choose a bigger disk")),
                reasonsAgainst(loop0, ByteSize.ofGiB(4)));
        assertEquals(List.of(), reasonsAgainst(loop0, ByteSize.ofMiB(300)), "exactly the minimum is enough");
    }

    @Test
    void everyReasonIsReportedNotJustTheFirst() {
        system.mountInfo(DiskFixtures.read("mountinfo-with-loop-mounted.txt"))
                .swaps(DiskFixtures.read("swaps-loop-device.txt"))
                .holder("loop0p2", "dm-0")
                .readOnly("loop0");

        assertEquals(List.of(Kind.MOUNTED, Kind.ACTIVE_SWAP, Kind.IN_USE_BY_HOLDER, Kind.READ_ONLY, Kind.TOO_SMALL),
                reasonsAgainst(loop0, ByteSize.ofGiB(4)).stream().map(UnusableReason::kind).toList());
    }
}
