package dev.cos.installer.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real installs onto sparse image files through loop devices (as root), checked afterwards with
 * independent tools only: sfdisk, sgdisk, blkid, e2fsck, fsck.vfat, debugfs, unsquashfs, grub-editenv.
 */
class InstallIT {

    private static final String BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";
    private static final String EFI_SYSTEM = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    private static final String LINUX_DATA = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";

    @TempDir
    Path temp;

    private Path tree;
    private byte[] payload;

    @BeforeEach
    void buildSourceTree() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree"));
        Files.createDirectories(tree.resolve("etc"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.writeString(tree.resolve("etc/os-release"), "NAME=\"Demo OS\"\nVERSION_ID=1.2\n");
        payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(payload);
        Files.write(tree.resolve("usr/bin/payload"), payload);
        Files.createSymbolicLink(tree.resolve("usr/bin/sh"), Path.of("/usr/bin/payload"));
    }

    private Path cloudInit() throws IOException {
        return Files.writeString(temp.resolve("user.yaml"), "#cloud-config\nhostname: cos-test\n");
    }

    @Test
    void installsTheLayoutFromADirectoryOntoANewHybridImage() throws Exception {
        Path image = temp.resolve("disk.img");
        Path cloud = cloudInit();
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "8G", "--source", tree.toString(),
                "--cloud-init", cloud.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertNothingLeftAttached(image);
        assertEquals(8L << 30, Files.size(image));

        GptDisk disk = GptDisk.read(image);
        assertEquals(List.of("bios", "efi", "oem", "recovery", "state", "persistent"),
                disk.entries().stream().map(GptDisk.Entry::name).toList());
        assertEquals(List.of(BIOS_BOOT, EFI_SYSTEM, LINUX_DATA, LINUX_DATA, LINUX_DATA, LINUX_DATA),
                disk.entries().stream().map(GptDisk.Entry::typeGuid).toList());
        for (GptDisk.Entry entry : disk.entries()) {
            assertEquals(0, entry.startSector() % 2048, entry.name() + " starts on a MiB boundary");
            assertEquals(0, entry.sizeSectors() % 2048, entry.name() + " is whole MiB");
        }
        String verify = Tools.run("sgdisk", "-v", image.toString());
        assertTrue(verify.contains("No problems found"), verify);

        assertLabel(disk, "efi", "vfat", "COS_GRUB");
        assertLabel(disk, "oem", "ext4", "COS_OEM");
        assertLabel(disk, "recovery", "ext4", "COS_RECOVERY");
        assertLabel(disk, "state", "ext4", "COS_STATE");
        assertLabel(disk, "persistent", "ext4", "COS_PERSISTENT");
        for (String name : List.of("oem", "recovery", "state", "persistent")) {
            Tools.run("e2fsck", "-fn", disk.extPath(name));
        }
        Path esp = temp.resolve("esp.img");
        GptDisk.Entry efi = disk.byName("efi");
        Tools.run("dd", "if=" + image, "of=" + esp, "bs=1M", "skip=" + efi.offsetBytes() / (1 << 20),
                "count=" + efi.sizeBytes() / (1 << 20), "status=none");
        Tools.run("fsck.vfat", "-n", esp.toString());
        assertTrue(Tools.run("mdir", "-i", esp.toString(), "::/EFI").contains("BOOT"), "ESP has /EFI/BOOT");
        assertBootloader(image, disk, esp);

        String cos = Tools.run("debugfs", "-R", "ls -l /cOS", disk.extPath("state"));
        assertTrue(cos.contains("active.img") && cos.contains("passive.img"), cos);
        assertFalse(cos.contains(InstallJob.WORK_DIR), "the unpack work dir is gone");

        Path active = temp.resolve("active.img");
        Path passive = temp.resolve("passive.img");
        disk.dump("state", "/cOS/active.img", active);
        disk.dump("state", "/cOS/passive.img", passive);
        Tools.run("e2fsck", "-fn", active.toString());
        Tools.run("e2fsck", "-fn", passive.toString());
        assertTrue(Tools.run("blkid", "-p", "-o", "export", active.toString()).contains("LABEL=COS_ACTIVE"));
        assertTrue(Tools.run("blkid", "-p", "-o", "export", passive.toString()).contains("LABEL=COS_PASSIVE"));
        assertTrue(Tools.run("blkid", "-p", "-o", "export", active.toString()).contains("TYPE=ext2"));
        assertArrayEquals(payload, debugfsBytes(active, "/usr/bin/payload"), "a source file reads back byte-identical");
        long activeBlocks = blockCount(disk, "/cOS/active.img");
        long passiveBlocks = blockCount(disk, "/cOS/passive.img");
        assertTrue(passiveBlocks <= activeBlocks * 1.05 + 64, "passive is a sparse copy: " + passiveBlocks + " vs " + activeBlocks);
        assertTrue(activeBlocks * 512L < (64L << 20), "active.img holds little more than its content: " + activeBlocks);
        assertArrayEquals(payload, debugfsBytes(passive, "/usr/bin/payload"));
        String root = Tools.run("debugfs", "-R", "ls /", active.toString());
        for (String dir : List.of("run", "dev", "boot", "oem", "proc", "sys", "tmp", "usr")) {
            assertTrue(root.contains(dir), "runtime dir /" + dir + " in " + root);
        }
        assertTrue(Tools.run("debugfs", "-R", "stat /tmp", active.toString()).contains("Mode:  01777"), "/tmp is sticky");

        Path recovery = temp.resolve("recovery.squashfs");
        disk.dump("recovery", "/cOS/recovery.squashfs", recovery);
        assertTrue(Tools.run("unsquashfs", "-s", recovery.toString()).contains("Compression gzip"));
        String listing = Tools.run("unsquashfs", "-l", recovery.toString());
        assertTrue(listing.contains("squashfs-root/usr/bin/payload") && listing.contains("squashfs-root/run"), listing);

        String digest = "sha256:" + new ObjectMapper().readTree(result.out().lines()
                .filter(l -> l.startsWith("digest:")).findFirst().orElseThrow().substring(7).strip().replace("sha256:", "\"") + "\"").asText();
        for (String partition : List.of("state", "recovery")) {
            JsonNode state = new ObjectMapper(new YAMLFactory()).readTree(disk.cat(partition, "/state.yaml"));
            assertEquals(digest, state.at("/state/active/source-metadata/digest").asText(), partition + " state.yaml");
            assertEquals("dir://" + tree, state.at("/state/active/source").asText());
            assertEquals("COS_PASSIVE", state.at("/state/passive/label").asText());
            assertEquals("squashfs", state.at("/recovery/recovery/fs").asText());
            assertEquals("COS_OEM", state.at("/oem/label").asText());
            assertFalse(state.path("date").asText().isEmpty());
        }

        Path env = temp.resolve("grub_oem_env");
        disk.dump("state", "/grub_oem_env", env);
        assertEquals(1024, Files.size(env));
        String vars = Tools.run("grub-editenv", env.toString(), "list");
        for (String line : List.of("state_label=COS_STATE", "active_label=COS_ACTIVE", "passive_label=COS_PASSIVE",
                "recovery_label=COS_RECOVERY", "system_label=COS_SYSTEM", "oem_label=COS_OEM",
                "persistent_label=COS_PERSISTENT", "default_menu_entry=cOS")) {
            assertTrue(vars.contains(line), line + " in " + vars);
        }
        assertEquals(Files.readString(cloud), disk.cat("oem", "/90_custom.yaml"));
        assertTrue(Tools.run("debugfs", "-R", "ls /", disk.extPath("oem")).contains("grubenv"));
    }

    @Test
    void installsFromATarGzForEfiWithAnExt2Recovery() throws Exception {
        Path archive = temp.resolve("rootfs.tar.gz");
        Tools.run("tar", "--numeric-owner", "--xattrs", "-czf", archive.toString(), "-C", tree.toString(), ".");
        Path image = temp.resolve("efi.img");
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "6G", "--source", archive.toString(),
                "--firmware", "efi", "--recovery-fs", "ext2", "--part-size", "oem=128,persistent=0", "--progress=json");
        assertEquals(0, result.exitCode(), result::toString);
        assertNothingLeftAttached(image);
        List<JsonNode> events = result.out().lines().map(InstallIT::json).toList();
        assertEquals("start", events.stream().filter(e -> !e.path("step").asText().equals("verify")).findFirst()
                .orElseThrow().path("event").asText());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("result", last.path("event").asText(), result::toString);
        assertEquals("success", last.path("status").asText());
        double previous = 0;
        for (JsonNode event : events) {
            if (event.path("event").asText().equals("progress") && !event.path("step").asText().equals("verify")) {
                assertTrue(event.path("fraction").asDouble() >= previous, "overall progress never goes back");
                previous = event.path("fraction").asDouble();
            }
        }
        assertEquals(1.0, previous, 1e-9);
        assertTrue(events.stream().anyMatch(e -> e.path("step").asText().equals("unpack") && e.path("bytesDone").asLong() > 0
                && e.path("stepFraction").asDouble() < 1), "unpacking reports bytes as tar goes");

        GptDisk disk = GptDisk.read(image);
        assertEquals(List.of("efi", "oem", "recovery", "state", "persistent"),
                disk.entries().stream().map(GptDisk.Entry::name).toList());
        assertEquals(128L << 20, disk.byName("oem").sizeBytes());
        Path recovery = temp.resolve("recovery.img");
        disk.dump("recovery", "/cOS/recovery.img", recovery);
        Tools.run("e2fsck", "-fn", recovery.toString());
        assertTrue(Tools.run("blkid", "-p", "-o", "export", recovery.toString()).contains("LABEL=COS_SYSTEM"));
        Path active = temp.resolve("active.img");
        disk.dump("state", "/cOS/active.img", active);
        assertArrayEquals(payload, debugfsBytes(active, "/usr/bin/payload"));
        JsonNode state = new ObjectMapper(new YAMLFactory()).readTree(disk.cat("state", "/state.yaml"));
        assertEquals("file://" + archive, state.at("/state/active/source").asText());
        assertEquals("sha256:" + sha256(archive), state.at("/state/active/source-metadata/digest").asText());
        assertEquals(Files.size(archive), state.at("/state/active/source-metadata/size").asLong());
        assertEquals("ext2", state.at("/recovery/recovery/fs").asText());
        assertEquals("COS_SYSTEM", state.at("/recovery/recovery/label").asText());
        // EFI only: GRUB for UEFI and no BIOS boot code in the protective MBR.
        assertTrue(Tools.run("debugfs", "-R", "ls /grub2", disk.extPath("state")).contains("x86_64-efi"));
        assertFalse(Tools.run("debugfs", "-R", "ls /grub2", disk.extPath("state")).contains("i386-pc"));
        java.nio.ByteBuffer mbr = sector(image, 0);
        for (int i = 0; i < 0x1B8; i++) {
            assertEquals(0, mbr.get(i), "MBR boot code byte " + i + " is empty");
        }
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** GRUB for UEFI on the ESP, for BIOS in the MBR and the bios partition, its config on COS_STATE. */
    private void assertBootloader(Path image, GptDisk disk, Path esp) throws IOException {
        Path efiBinary = temp.resolve("BOOTX64.EFI");
        Tools.run("mcopy", "-i", esp.toString(), "::/EFI/BOOT/BOOTX64.EFI", efiBinary.toString());
        Path built = temp.resolve("grub.efi");
        disk.dump("state", "/grub2/x86_64-efi/grub.efi", built);
        assertEquals(-1L, Files.mismatch(built, efiBinary), "the ESP holds the GRUB EFI binary built on COS_STATE");
        assertEquals("MZ", new String(Files.readAllBytes(efiBinary), 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
        String grubCfg = dev.cos.installer.boot.GrubConfigs.grubCfg(3, new dev.cos.installer.boot.BootEnvironment.Labels(
                "COS_STATE", "COS_RECOVERY", "COS_OEM", "COS_PERSISTENT"));
        assertEquals(grubCfg, disk.cat("state", "/grub2/grub.cfg"));
        assertEquals(grubCfg, disk.cat("recovery", "/grub2/grub.cfg"), "COS_RECOVERY holds the copy GRUB falls back to");

        long biosStart = disk.byName("bios").startSector();
        java.nio.ByteBuffer mbr = sector(image, 0);
        byte[] bootImg = Files.readAllBytes(Path.of("/usr/lib/grub/i386-pc/boot.img"));
        assertEquals(bootImg[0x80] & 0xff, mbr.get(0x80) & 0xff, "boot.img's code is in the MBR");
        assertEquals(biosStart, mbr.getLong(0x5C), "boot.img loads core.img from the bios partition");
        assertEquals(0xAA55, mbr.getShort(0x1FE) & 0xffff, "the MBR signature stays");
        assertEquals(0xEE, mbr.get(0x1BE + 4) & 0xff, "the protective MBR's GPT entry stays");
        java.nio.ByteBuffer core = sector(image, biosStart);
        assertEquals(biosStart + 1, core.getLong(0x1F4), "core.img loads its rest from the next sector");
        Path coreImg = temp.resolve("core.img");
        disk.dump("state", "/grub2/i386-pc/core.img", coreImg);
        assertEquals((Files.size(coreImg) + 511) / 512 - 1, core.getShort(0x1FC), "and all of it");
        // The second half of the 1 MiB partition holds the same core.img: a rewrite goes there first.
        java.nio.ByteBuffer spare = sector(image, biosStart + 1024);
        assertEquals(biosStart + 1025, spare.getLong(0x1F4), "the spare core.img loads its rest from its own next sector");
        assertEquals(core.getShort(0x1FC), spare.getShort(0x1FC));
    }

    private static java.nio.ByteBuffer sector(Path image, long sector) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(image)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, sector * 512);
            return buffer;
        }
    }

    private void assertLabel(GptDisk disk, String partition, String type, String label) {
        String probe = disk.blkid(partition);
        assertTrue(probe.contains("TYPE=" + type + "\n") && probe.contains("LABEL=" + label + "\n"),
                partition + ": " + probe);
    }

    private byte[] debugfsBytes(Path extImage, String path) throws IOException {
        Path out = Files.createTempFile(temp, "read", ".bin");
        Files.delete(out);
        Tools.run("debugfs", "-R", "dump " + path + " " + out, extImage.toString());
        return Files.readAllBytes(out);
    }

    /** Allocated 512-byte blocks of a file on COS_STATE, as debugfs reports them. */
    private static long blockCount(GptDisk disk, String path) {
        String stat = Tools.run("debugfs", "-R", "stat " + path, disk.extPath("state"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Blockcount: (\\d+)").matcher(stat);
        assertTrue(m.find(), stat);
        return Long.parseLong(m.group(1));
    }

    static void assertNothingLeftAttached(Path image) {
        assertEquals("", Tools.run("losetup", "--associated", image.toString()).strip(), "no loop device left on " + image);
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
