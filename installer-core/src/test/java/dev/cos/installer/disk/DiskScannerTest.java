package dev.cos.installer.disk;

import static dev.cos.installer.disk.DiskFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.disk.UnusableReason.Kind;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.process.RecordingCommandRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner over recorded tool output: which tools it runs on which device, and what it makes of them. */
class DiskScannerTest {

    private static final ByteSize MINIMUM = ByteSize.ofMiB(200);

    @TempDir
    Path root;

    private RecordingCommandRunner runner;
    private DiskFixtures.Tree system;

    @BeforeEach
    void setUp() {
        runner = DiskFixtures.capturedRunner();
        system = new DiskFixtures.Tree(root).mountInfo(read("mountinfo-with-loop-mounted.txt"));
    }

    private DiskScanner scanner() {
        return new DiskScanner(runner, system.files());
    }

    @Test
    void scanListsTheLoopAndTheRootDiskButNotZram() {
        List<BlockDevice> disks = scanner().scan(MINIMUM);

        assertEquals(List.of("/dev/loop0", "/dev/vda"), disks.stream().map(BlockDevice::path).toList());
        assertEquals(BlockDevice.Type.LOOP, disks.get(0).type());
        assertEquals(BlockDevice.Type.DISK, disks.get(1).type());
        assertTrue(disks.get(1).eligibility().has(Kind.HOLDS_RUNNING_ROOT));
    }

    @Test
    void partitionsCarryGptNamesFilesystemsLabelsAndMountpoints() {
        BlockDevice loop = scanner().inspect("/dev/loop0", MINIMUM);

        assertEquals(ByteSize.ofMiB(300), loop.size());
        assertEquals(512, loop.sectorSizeBytes());
        assertEquals(List.of(
                new DiskPartition(1, "/dev/loop0p1", ByteSize.ofMiB(100), "cos-data", "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
                        "ext4", "COS_OEM", List.of("/tmp/disks-cap/mnt")),
                new DiskPartition(2, "/dev/loop0p2", ByteSize.ofMiB(64), "cos-efi", "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
                        "vfat", "COS_GRUB", List.of()),
                new DiskPartition(3, "/dev/loop0p3", ByteSize.ofMiB(32), "raw-space", "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
                        "", "", List.of())),
                loop.partitions());
        assertEquals(List.of(new UnusableReason(Kind.MOUNTED, "/dev/loop0p1 is mounted at /tmp/disks-cap/mnt: unmount it first")),
                loop.eligibility().reasons());
    }

    @Test
    void toolsAreNotPointedAtDisksWithoutPartitions() {
        scanner().scan(MINIMUM);

        assertEquals(List.of(
                "lsblk -J -b -o " + LsblkParser.COLUMNS,
                "sfdisk -J /dev/loop0",
                "blkid -p -o export /dev/loop0p1",
                "blkid -p -o export /dev/loop0p2",
                "blkid -p -o export /dev/loop0p3"), runner.lines());
    }

    @Test
    void unreadablePartitionTableKeepsThePartitionsWithoutNames() {
        runner = new RecordingCommandRunner()
                .fail(List.of("sfdisk"), 1, read("sfdisk-no-table.stderr"))
                .fail(List.of("blkid"), 2, "");
        runner.answer(List.of("lsblk"), read(DiskFixtures.LSBLK));

        BlockDevice loop = scanner().inspect("/dev/loop0", MINIMUM);

        assertEquals(3, loop.partitions().size());
        assertTrue(loop.partitions().stream().allMatch(p -> p.gptName().isEmpty() && p.fsType().isEmpty()), loop.toString());
    }

    @Test
    void cleanLoopIsInstallable() {
        system.mountInfo(read("mountinfo-vda-root.txt"));
        runner = new RecordingCommandRunner()
                .answer(List.of("lsblk"), read(DiskFixtures.LSBLK).replace("\"/tmp/disks-cap/mnt\"", "null"));

        BlockDevice loop = scanner().requireInstallable("/dev/loop0", MINIMUM);

        assertTrue(loop.installable());
    }

    @Test
    void requireInstallableRefusesTheRootDiskNamingTheReason() {
        InstallerException e = assertThrows(InstallerException.class, () -> scanner().requireInstallable("/dev/vda", MINIMUM));

        assertEquals(ErrorCode.INVALID_TARGET, e.code());
        assertEquals("cannot install on /dev/vda: /dev/vda holds the running system (/ is on /dev/vda): choose another disk",
                e.getMessage());
    }

    @Test
    void requireInstallableSaysTooSmallWhenThatIsTheOnlyReason() {
        system.mountInfo(read("mountinfo-vda-root.txt"));
        runner = new RecordingCommandRunner()
                .answer(List.of("lsblk"), read(DiskFixtures.LSBLK).replace("\"/tmp/disks-cap/mnt\"", "null"));

        InstallerException e = assertThrows(InstallerException.class,
                () -> scanner().requireInstallable("/dev/loop0", ByteSize.ofGiB(4)));

        assertEquals(ErrorCode.TARGET_TOO_SMALL, e.code());
        assertTrue(e.getMessage().contains("300 MiB"), e.getMessage());
    }

    @Test
    void inspectingAPartitionAsksForTheWholeDisk() {
        InstallerException e = assertThrows(InstallerException.class, () -> scanner().inspect("/dev/loop0p1", MINIMUM));

        assertEquals(ErrorCode.INVALID_TARGET, e.code());
        assertEquals("/dev/loop0p1 is a partition: give the whole disk it belongs to (see `cos-installer disks`)", e.getMessage());
    }

    @Test
    void inspectingZramOrAMissingDeviceIsRefused() {
        for (String path : List.of("/dev/zram0", "/dev/sdz")) {
            InstallerException e = assertThrows(InstallerException.class, () -> scanner().inspect(path, MINIMUM));
            assertEquals(ErrorCode.INVALID_TARGET, e.code());
            assertTrue(e.getMessage().startsWith(path + " is not a disk that can be installed on"), e.getMessage());
        }
    }

    @Test
    void missingLsblkIsAMissingTool() {
        runner = new RecordingCommandRunner().fail(List.of("lsblk"), 127, "cannot start lsblk");

        InstallerException e = assertThrows(InstallerException.class, () -> scanner().scan(MINIMUM));

        assertEquals(ErrorCode.MISSING_TOOL, e.code());
    }

    @Test
    void listableLeavesOutMemoryOpticalAndEmptyDevices() {
        BlockNode vda = LsblkParser.parse(read(DiskFixtures.LSBLK)).get(2);
        assertTrue(DiskScanner.listable(vda));
        assertFalse(DiskScanner.listable(copy(vda, "ram0", "disk", vda.size())));
        assertFalse(DiskScanner.listable(copy(vda, "sr0", "rom", vda.size())));
        assertFalse(DiskScanner.listable(copy(vda, "loop3", "loop", ByteSize.ZERO)));
        assertTrue(DiskScanner.listable(copy(vda, "loop3", "loop", ByteSize.ofMiB(1))));
    }

    private static BlockNode copy(BlockNode node, String name, String type, ByteSize size) {
        return new BlockNode(name, name, "/dev/" + name, type, size, "", "", "", false, false, 512, "1:0", List.of(), List.of());
    }
}
