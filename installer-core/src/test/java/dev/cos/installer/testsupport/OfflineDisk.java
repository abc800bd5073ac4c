package dev.cos.installer.testsupport;

import dev.cos.installer.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits an installed disk image between boots, with no mount and no loop device (boot-notes.md):
 * e2fsprogs on {@code 'disk.img?offset=N'}, after an {@code e2fsck -fy} that replays the journal a
 * killed or panicked guest left behind. Images inside a partition (active.img, ...) are copied
 * out, changed and written back.
 */
public final class OfflineDisk {

    private final GptDisk gpt;
    private final Path work;
    private int files;

    /** @param work a directory for the copies this helper makes */
    public OfflineDisk(Path image, Path work) {
        this.gpt = GptDisk.read(image);
        this.work = work;
    }

    /**
     * The demo image of {@code version} installed with the CLI onto a new 3 GiB image file
     * {@code dir/<name>.img}, set to power off once up ({@code extra_cmdline=cos.test=poweroff}): the
     * start of a boot test.
     */
    public static OfflineDisk installDemo(Path dir, String name, String version) throws IOException {
        Path image = dir.resolve(name + ".img");
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "3G", "--source",
                DemoImage.tree(version).toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("install of the demo image " + version + " failed: " + result);
        }
        OfflineDisk disk = new OfflineDisk(image, Files.createDirectories(dir.resolve(name + "-work")));
        disk.setGrubenv("extra_cmdline=cos.test=poweroff");
        return disk;
    }

    public GptDisk gpt() {
        return gpt;
    }

    /** Replays the journal and fixes what a guest that did not unmount left (e2fsck exit 0 or 1). */
    public void fsck(String partition) {
        CommandResult result = Tools.execute("e2fsck", "-fy", gpt.extPath(partition));
        if (result.exitCode() > 1) {
            throw new AssertionError("e2fsck " + partition + " exited " + result.exitCode() + ":\n" + result.stdout()
                    + result.stderr());
        }
    }

    /** The variables of COS_OEM:/grubenv, in file order. */
    public Map<String, String> grubenv() {
        Path env = copyOut("oem", "/grubenv");
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Tools.run("grub-editenv", env.toString(), "list").lines().toList()) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return vars;
    }

    /** Sets variables (NAME=VALUE) in COS_OEM:/grubenv, as grub-editenv writes them. */
    public void setGrubenv(String... assignments) {
        editGrubenv("set", assignments);
    }

    public void unsetGrubenv(String... names) {
        editGrubenv("unset", names);
    }

    private void editGrubenv(String verb, String... args) {
        Path env = copyOut("oem", "/grubenv");
        List<String> argv = new ArrayList<>(List.of("grub-editenv", env.toString(), verb));
        argv.addAll(List.of(args));
        Tools.run(argv.toArray(String[]::new));
        replace("oem", "/grubenv", env);
    }

    /** Copies a file out of a partition's filesystem into the work directory. */
    public Path copyOut(String partition, String path) {
        fsck(partition);
        Path to = work.resolve("offline-" + ++files + "-" + Path.of(path).getFileName());
        gpt.dump(partition, path, to);
        if (!Files.exists(to)) {
            throw new AssertionError(partition + ":" + path + " could not be copied out");
        }
        return to;
    }

    /** Puts {@code file} at {@code path} in a partition's filesystem, replacing what is there. */
    public void replace(String partition, String path, Path file) {
        remove(partition, path);
        debugfs(gpt.extPath(partition), "write " + file + " " + path);
    }

    /** Removes a file from a partition's filesystem (a missing image, as after a failed upgrade). */
    public void remove(String partition, String path) {
        fsck(partition);
        debugfs(gpt.extPath(partition), "rm " + path);
    }

    /** Cuts a file in a partition's filesystem to its first {@code bytes} bytes (an interrupted copy). */
    public void truncate(String partition, String path, long bytes) {
        Path copy = copyOut(partition, path);
        try (var channel = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replace(partition, path, copy);
    }

    /**
     * Changes an ext2 image file held by a partition (e.g. state:/cOS/active.img) with debugfs
     * requests run inside it, and writes it back.
     */
    public void editImage(String partition, String imagePath, String... requests) {
        Path image = copyOut(partition, imagePath);
        for (String request : requests) {
            debugfs(image.toString(), request);
        }
        replace(partition, imagePath, image);
    }

    /**
     * A SHA-256 over every entry of an ext partition's filesystem, walked with debugfs: each path,
     * its mode, owner, size and (for regular files) content. Times are left out: a boot that mounts
     * the filesystem touches them without changing a file.
     */
    public String filesChecksum(String partition) {
        fsck(partition);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            walk(gpt.extPath(partition), "/", digest);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(String filesystem, String dir, MessageDigest digest) {
        // ls -p: "/inode/mode/uid/gid/name/size/" per entry, mode in octal.
        for (String line : Tools.run("debugfs", "-R", "ls -p \"" + dir + "\"", filesystem).lines().toList()) {
            String[] f = line.split("/", -1);
            if (f.length < 7 || f[5].equals(".") || f[5].equals("..")) {
                continue;
            }
            String path = dir + f[5];
            digest.update((path + " " + f[2] + " " + f[3] + ":" + f[4] + " " + f[6] + "\n").getBytes(StandardCharsets.UTF_8));
            if (f[2].startsWith("40")) {
                walk(filesystem, path + "/", digest);
            } else if (f[2].startsWith("100")) {
                digest.update(Tools.run("debugfs", "-R", "cat \"" + path + "\"", filesystem).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void debugfs(String filesystem, String request) {
        CommandResult result = Tools.execute("debugfs", "-w", "-R", request, filesystem);
        // debugfs exits 0 even when a request fails: its complaint is on stderr after the banner.
        String complaints = result.stderr().lines().filter(l -> !l.startsWith("debugfs ")).reduce("", (a, b) -> a + b + "\n");
        if (result.exitCode() != 0 || !complaints.isBlank()) {
            throw new AssertionError("debugfs -w -R '" + request + "' " + filesystem + ": " + complaints + result.stdout());
        }
    }
}
