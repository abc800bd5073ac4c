package dev.cos.installer.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.cli.Main;
import dev.cos.installer.disk.UnusableReason.Kind;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.ProcessCommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tools, as root, on a loop device this test attaches to its own image file; tears down by
 * name. Also reads (never writes) the machine's root disk to check it is reported as in use.
 */
class DisksIT {

    private static final ByteSize MINIMUM = ByteSize.ofMiB(200);

    @TempDir
    Path dir;

    private final CommandRunner runner = new ProcessCommandRunner();

    @Test
    void scannerSeesTheLoopDevicePartitionsAndWhatIsMounted() throws Exception {
        Path image = dir.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(ByteSize.ofMiB(300).bytes());
        }
        String loop = runner.run("losetup", "--find", "--show", image.toString()).stdout().strip();
        assertTrue(loop.matches("/dev/loop[0-9]+"), "losetup printed " + loop);
        Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
        boolean mounted = false;
        try {
            runner.run("sgdisk", "-n1:0:+100M", "-c1:cos-data", "-t1:8300", "-n2:0:0", "-c2:cos-state", "-t2:8300", loop);
            runner.run("partx", "-a", loop);
            String p1 = DiskPartition.nodeFor(loop, 1);
            runner.run("mkfs.ext4", "-q", "-L", "COS_OEM", p1);
            DiskScanner scanner = new DiskScanner(runner, SystemFiles.live());

            BlockDevice disk = scanner.inspect(loop, MINIMUM);

            assertEquals(BlockDevice.Type.LOOP, disk.type());
            assertEquals(ByteSize.ofMiB(300), disk.size());
            assertEquals(List.of(1, 2), disk.partitions().stream().map(DiskPartition::number).toList());
            DiskPartition data = disk.partitions().get(0);
            assertEquals(p1, data.path());
            assertEquals(ByteSize.ofMiB(100), data.size());
            assertEquals("cos-data", data.gptName());
            assertEquals("0FC63DAF-8483-4772-8E79-3D69D8477DE4", data.gptTypeGuid());
            assertEquals("ext4", data.fsType());
            assertEquals("COS_OEM", data.fsLabel());
            DiskPartition state = disk.partitions().get(1);
            assertEquals("cos-state", state.gptName());
            assertEquals("", state.fsType());
            assertTrue(disk.installable(), disk.eligibility().toString());

            runner.run("mount", p1, mountPoint.toString());
            mounted = true;
            BlockDevice busy = scanner.inspect(loop, MINIMUM);

            assertFalse(busy.installable());
            assertEquals(List.of(new UnusableReason(Kind.MOUNTED, p1 + " is mounted at " + mountPoint + ": unmount it first")),
                    busy.eligibility().reasons());
            assertEquals(List.of(mountPoint.toString()), busy.partitions().get(0).mountpoints());

            JsonNode listed = disksJson();
            JsonNode ours = findDisk(listed, loop);
            assertEquals("cos-data", ours.get("partitions").get(0).get("gptName").asText());
            assertEquals(List.of("mounted", "too-small"), kinds(ours), "300 MiB is below the default --min-size 4G");
            JsonNode rootDisk = findDisk(listed, rootDisk());
            assertTrue(kinds(rootDisk).contains("holds-running-root"), rootDisk.toString());
        } finally {
            if (mounted) {
                runner.execute(Command.of("umount", mountPoint.toString()));
            }
            runner.execute(Command.of("partx", "-d", loop));
            runner.execute(Command.of("losetup", "-d", loop));
        }
    }

    @Test
    void rootDiskIsReportedAsHoldingTheRunningSystem() {
        BlockDevice root = new DiskScanner(runner, SystemFiles.live()).inspect(rootDisk(), MINIMUM);

        assertTrue(root.eligibility().has(Kind.HOLDS_RUNNING_ROOT), root.eligibility().toString());
        assertTrue(root.eligibility().reasons().get(0).message().startsWith(root.path() + " holds the running system (/ is on "),
                root.eligibility().toString());
    }

    /** The whole disk under / as findmnt and lsblk see it (on this machine /dev/vda). */
    private String rootDisk() {
        String source = runner.run("findmnt", "-n", "-o", "SOURCE", "/").stdout().strip();
        assertTrue(source.startsWith("/dev/"), "/ must be on a block device for this test, it is on " + source);
        String parent = runner.run("lsblk", "-n", "-d", "-o", "PKNAME", source).stdout().strip();
        return parent.isEmpty() ? source : "/dev/" + parent;
    }

    private static JsonNode disksJson() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = Main.execute("disks", "--json");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit, captured.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode findDisk(JsonNode listed, String path) {
        for (JsonNode disk : listed.get("disks")) {
            if (disk.get("path").asText().equals(path)) {
                return disk;
            }
        }
        throw new AssertionError(path + " is not in `disks --json`: " + listed);
    }

    private static List<String> kinds(JsonNode disk) {
        List<String> kinds = new ArrayList<>();
        disk.get("reasons").forEach(r -> kinds.add(r.get("kind").asText()));
        return kinds;
    }
}
