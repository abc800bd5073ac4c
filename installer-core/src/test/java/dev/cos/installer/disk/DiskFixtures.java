package dev.cos.installer.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.cos.installer.process.RecordingCommandRunner;

/**
 * Tool output captured on this machine (under {@code fixtures/disk/}), and fixture
 * {@code /proc} + {@code /sys} trees written into a test's temporary directory.
 */
public final class DiskFixtures {

    /** lsblk of: loop0 (300 MiB, GPT: cos-data ext4 mounted, cos-efi vfat, raw-space), zram0, vda mounted as /. */
    public static final String LSBLK = "lsblk-loop-mounted-and-vda-root.json";

    private DiskFixtures() {
    }

    /** A runner that answers like this machine did with loop0 attached and loop0p1 mounted. */
    public static RecordingCommandRunner capturedRunner() {
        return new RecordingCommandRunner()
                .answer(List.of("lsblk"), read(LSBLK))
                .answer(List.of("sfdisk", "-J", "/dev/loop0"), read("sfdisk-gpt-named.json"))
                .answer(List.of("blkid", "-p", "-o", "export", "/dev/loop0p1"), read("blkid-ext4.txt"))
                .answer(List.of("blkid", "-p", "-o", "export", "/dev/loop0p2"), read("blkid-vfat.txt"))
                .answer(List.of("blkid", "-p", "-o", "export", "/dev/loop0p3"), read("blkid-no-fs.txt"));
    }

    public static String read(String name) {
        try (InputStream in = DiskFixtures.class.getResourceAsStream("/fixtures/disk/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture tree: starts with this machine's mountinfo (only vda at /) and no swap. */
    public static final class Tree {
        private final Path root;

        public Tree(Path root) {
            this.root = root;
            mountInfo(read("mountinfo-vda-root.txt"));
            swaps(read("swaps-empty.txt"));
            write("proc/cmdline", "console=ttyS0 quiet\n");
        }

        public Tree mountInfo(String text) {
            return write("proc/self/mountinfo", text);
        }

        /** Adds a mountinfo line for {@code source} (device {@code majorMinor}) at {@code mountPoint}. */
        public Tree mount(String majorMinor, String source, String mountPoint) {
            String line = "90 27 " + majorMinor + " / " + mountPoint + " rw,relatime - ext4 " + source + " rw\n";
            return write("proc/self/mountinfo", readFile("proc/self/mountinfo") + line);
        }

        public Tree swaps(String text) {
            return write("proc/swaps", text);
        }

        public Tree cmdline(String text) {
            return write("proc/cmdline", text + "\n");
        }

        public Tree holder(String device, String holder) {
            return write("sys/class/block/" + device + "/holders/" + holder, "");
        }

        public Tree readOnly(String device) {
            return write("sys/class/block/" + device + "/ro", "1\n");
        }

        public Tree loopBackingFile(String loop, String file) {
            return write("sys/class/block/" + loop + "/loop/backing_file", file + "\n");
        }

        public SystemFiles files() {
            return new RootedSystemFiles(root);
        }

        private Tree write(String relative, String text) {
            try {
                Path file = root.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String readFile(String relative) {
            try {
                return Files.readString(root.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
