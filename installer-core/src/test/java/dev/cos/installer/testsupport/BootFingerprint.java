package dev.cos.installer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything a boot of an installed disk reads before the system prints its COS-BOOTED line: the
 * MBR's boot code, the BIOS boot partition, the ESP's GRUB binary, and the files GRUB and the
 * initramfs read on COS_STATE, COS_RECOVERY and COS_OEM (each one's bytes, or that it is absent;
 * not other files, timestamps, free blocks or COS_PERSISTENT, which the demo system only lists). Two disks with the same fingerprint
 * boot the same way on the same firmware, so interruption tests boot each distinct state once and
 * check the others by their fingerprint (issue 17: every kind of proof stays, fewer boots).
 */
public final class BootFingerprint {

    private static final List<String> STATE_FILES = List.of("/grub2/grub.cfg", "/grub_oem_env", "/cOS/active.img",
            "/cOS/passive.img");
    private static final List<String> RECOVERY_FILES = List.of("/grub2/grub.cfg", "/cOS/recovery.squashfs",
            "/cOS/recovery.img");

    private BootFingerprint() {
    }

    /** The fingerprint of the disk image, as hex; {@code work} is a scratch directory for copies of files. */
    public static String of(GptDisk disk, Path work) {
        MessageDigest digest = sha256();
        section(digest, "mbr", head(disk.image(), 0, 440));
        GptDisk.Entry bios = disk.byName("bios");
        section(digest, "bios", head(disk.image(), bios.offsetBytes(), (int) bios.sizeBytes()));
        section(digest, "esp", espBinary(disk, work));
        files(digest, disk, "state", STATE_FILES, work);
        files(digest, disk, "recovery", RECOVERY_FILES, work);
        files(digest, disk, "oem", List.of("/grubenv"), work);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void files(MessageDigest digest, GptDisk disk, String partition, List<String> paths, Path work) {
        if (Tools.execute("debugfs", "-R", "stats", disk.extPath(partition)).exitCode() != 0) {
            section(digest, partition, "no readable filesystem".getBytes(StandardCharsets.UTF_8));
            return;
        }
        for (String path : paths) {
            Path copy = work.resolve("fingerprint-file");
            try {
                Files.deleteIfExists(copy);
                disk.dump(partition, path, copy);
                section(digest, partition + ":" + path, Files.exists(copy) ? fileDigest(copy) : new byte[0]);
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] espBinary(GptDisk disk, Path work) {
        Path copy = work.resolve("fingerprint-efi");
        try {
            Files.deleteIfExists(copy);
            String esp = disk.image() + "@@" + disk.byName("efi").offsetBytes();
            Tools.execute("mcopy", "-n", "-i", esp, "::/EFI/BOOT/BOOTX64.EFI", copy.toString());
            byte[] bytes = Files.exists(copy) ? fileDigest(copy) : new byte[0];
            Files.deleteIfExists(copy);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] head(Path image, long offset, int bytes) {
        try (FileChannel channel = FileChannel.open(image)) {
            ByteBuffer buffer = ByteBuffer.allocate(bytes);
            channel.read(buffer, offset);
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fileDigest(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static void section(MessageDigest digest, String name, byte[] content) {
        digest.update((name + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
        digest.update(content);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
