package dev.cos.installer.app.wizard;

import dev.cos.installer.api.DiskList;
import java.nio.file.Path;
import java.util.Objects;

/** Where the wizard installs: a disk the engine listed, or a disk image file it creates. */
public sealed interface TargetChoice {

    /** The path the engine gets as {@code --target}. */
    String path();

    /** The size the disk has or the image file will have, in bytes. */
    long sizeBytes();

    /** For people: "/dev/sdb (QEMU HARDDISK, 8.0 GiB)" or "disk image file /home/a/cos.img (8.0 GiB)". */
    String displayName();

    record Disk(DiskList.Disk disk) implements TargetChoice {
        public Disk {
            Objects.requireNonNull(disk, "disk");
        }

        @Override
        public String path() {
            return disk.path();
        }

        @Override
        public long sizeBytes() {
            return disk.sizeBytes();
        }

        @Override
        public String displayName() {
            return disk.path() + " (" + (disk.model().isBlank() ? "" : disk.model() + ", ") + disk.size() + ")";
        }
    }

    /**
     * A disk image file: a new sparse file of {@code sizeBytes}, or an existing file ({@code exists})
     * that is installed onto as it is, keeping its size.
     */
    record ImageFile(Path file, long sizeBytes, boolean exists) implements TargetChoice {
        public ImageFile {
            Objects.requireNonNull(file, "file");
        }

        /** A new file. */
        public ImageFile(Path file, long sizeBytes) {
            this(file, sizeBytes, false);
        }

        @Override
        public String path() {
            return file.toString();
        }

        @Override
        public String displayName() {
            return "disk image file " + file + " (" + dev.cos.installer.model.ByteSize.ofBytes(sizeBytes).human() + ")";
        }

        /** The size argument the engine's {@code --size} reads, in whole MiB. */
        public String sizeArgument() {
            return (sizeBytes / (1024 * 1024)) + "M";
        }
    }
}
