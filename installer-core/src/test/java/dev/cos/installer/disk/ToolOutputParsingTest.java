package dev.cos.installer.disk;

import static dev.cos.installer.disk.DiskFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.model.ByteSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers, fed with output captured on this machine from loop devices the capture attached. */
class ToolOutputParsingTest {

    @Test
    void lsblkTreeHasTheLoopWithItsPartitionsAndTheRootDisk() {
        List<BlockNode> tree = LsblkParser.parse(read(DiskFixtures.LSBLK));

        assertEquals(List.of("loop0", "zram0", "vda"), tree.stream().map(BlockNode::name).toList());
        BlockNode loop = tree.get(0);
        assertEquals("/dev/loop0", loop.path());
        assertEquals("loop", loop.type());
        assertEquals(ByteSize.ofMiB(300), loop.size());
        assertEquals("7:0", loop.majorMinor());
        assertEquals(512, loop.logicalSectorBytes());
        assertEquals("", loop.model(), "lsblk's null model becomes an empty string");
        assertEquals(List.of(), loop.mountpoints(), "lsblk's [null] means not mounted");
        assertEquals(List.of("/dev/loop0p1", "/dev/loop0p2", "/dev/loop0p3"),
                loop.partitions().stream().map(BlockNode::path).toList());
        BlockNode p1 = loop.partitions().get(0);
        assertEquals(ByteSize.ofMiB(100), p1.size());
        assertEquals("259:0", p1.majorMinor());
        assertEquals(List.of("/tmp/disks-cap/mnt"), p1.mountpoints());

        BlockNode vda = tree.get(2);
        assertEquals("disk", vda.type());
        assertEquals(ByteSize.ofGiB(256), vda.size());
        assertEquals("254:0", vda.majorMinor());
        assertEquals(List.of("/"), vda.mountpoints());
        assertFalse(vda.readOnly());
        assertEquals(ByteSize.ZERO, tree.get(1).size(), "zram0 is listed by lsblk with size 0");
    }

    @Test
    void lsblkFromOlderUtilLinuxWithStringNumbersAndFlags() {
        String json = """
                {"blockdevices": [{"name": "sdb", "kname": "sdb", "path": "/dev/sdb", "type": "disk",
                  "size": "8053063680", "model": "Flash Disk  ", "serial": "123", "tran": "usb",
                  "rm": "1", "ro": "0", "log-sec": "512", "maj:min": "8:16", "mountpoints": [null]}]}
                """;
        BlockNode stick = LsblkParser.parse(json).get(0);

        assertEquals(8053063680L, stick.size().bytes());
        assertTrue(stick.removable());
        assertFalse(stick.readOnly());
        assertEquals("Flash Disk", stick.model());
        assertEquals("usb", stick.transport());
    }

    @Test
    void lsblkGarbageIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LsblkParser.parse("lsblk: oops"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LsblkParser.parse("{}"));
    }

    @Test
    void blkidFindsExt4AndItsLabel() {
        assertEquals(new FilesystemProbe("ext4", "COS_OEM"), FilesystemProbe.parse(read("blkid-ext4.txt")));
    }

    @Test
    void blkidFindsVfatAndItsLabel() {
        assertEquals(new FilesystemProbe("vfat", "COS_GRUB"), FilesystemProbe.parse(read("blkid-vfat.txt")));
    }

    @Test
    void blkidOfAPartitionWithoutFilesystemHasOnlyPartitionEntryFields() {
        // PART_ENTRY_TYPE and PART_ENTRY_NAME must not be mistaken for a filesystem TYPE or LABEL.
        assertEquals(FilesystemProbe.NONE, FilesystemProbe.parse(read("blkid-no-fs.txt")));
        assertEquals(FilesystemProbe.NONE, FilesystemProbe.parse(""));
    }

    @Test
    void blkidUnescapesLabelsWithSpaces() {
        assertEquals(new FilesystemProbe("vfat", "MY DISK"), FilesystemProbe.parse("LABEL=MY\\ DISK\nTYPE=vfat\n"));
    }

    @Test
    void sfdiskGivesGptNamesAndTypesByNode() {
        Map<String, GptEntry> entries = GptEntry.parseSfdisk(read("sfdisk-gpt-named.json"));

        assertEquals(List.of("/dev/loop0p1", "/dev/loop0p2", "/dev/loop0p3"), List.copyOf(entries.keySet()));
        assertEquals(new GptEntry("/dev/loop0p1", "cos-data", "0FC63DAF-8483-4772-8E79-3D69D8477DE4"), entries.get("/dev/loop0p1"));
        assertEquals("cos-efi", entries.get("/dev/loop0p2").name());
        assertEquals("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", entries.get("/dev/loop0p2").typeGuid());
    }

    @Test
    void sfdiskOfAnMbrTableHasNoGptEntries() {
        String dos = """
                {"partitiontable": {"label": "dos", "id": "0x1234", "device": "/dev/sdb", "unit": "sectors",
                  "partitions": [{"node": "/dev/sdb1", "start": 2048, "size": 1000, "type": "83"}]}}
                """;
        assertEquals(Map.of(), GptEntry.parseSfdisk(dos));
    }

    @Test
    void mountInfoGivesDeviceMountPointAndSource() {
        List<MountEntry> mounts = MountEntry.parseMountInfo(read("mountinfo-with-loop-mounted.txt"));

        assertTrue(mounts.contains(new MountEntry("254:0", "/", "ext4", "/dev/vda")));
        assertTrue(mounts.contains(new MountEntry("259:0", "/tmp/disks-cap/mnt", "ext4", "/dev/loop0p1")));
        assertTrue(mounts.contains(new MountEntry("0:21", "/proc", "proc", "proc")));
    }

    @Test
    void mountInfoUnescapesSpacesAndSkipsOptionalFields() {
        String line = "36 35 8:2 / /media/my\\040disk rw,noatime master:1 shared:2 - ext4 /dev/sda2 rw\n";
        assertEquals(List.of(new MountEntry("8:2", "/media/my disk", "ext4", "/dev/sda2")), MountEntry.parseMountInfo(line));
    }

    @Test
    void swapsListsActiveSwapDevices() {
        assertEquals(List.of("/dev/loop0"), MountEntry.parseSwaps(read("swaps-loop-device.txt")));
        assertEquals(List.of(), MountEntry.parseSwaps(read("swaps-empty.txt")));
    }

    @Test
    void partitionNodesFollowTheKernelNaming() {
        assertEquals("/dev/sda2", DiskPartition.nodeFor("/dev/sda", 2));
        assertEquals("/dev/nvme0n1p2", DiskPartition.nodeFor("/dev/nvme0n1", 2));
        assertEquals("/dev/loop0p11", DiskPartition.nodeFor("/dev/loop0", 11));
        assertEquals(2, DiskPartition.numberIn("sda", "sda2").getAsInt());
        assertEquals(11, DiskPartition.numberIn("loop0", "loop0p11").getAsInt());
        assertTrue(DiskPartition.numberIn("loop0", "loop01").isEmpty());
        assertTrue(DiskPartition.numberIn("sda", "sdb1").isEmpty());
    }
}
