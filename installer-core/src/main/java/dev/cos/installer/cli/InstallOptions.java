package dev.cos.installer.cli;

import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.spec.SquashCompression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options install and plan share; turned into an {@link InstallSpec}. */
final class InstallOptions {

    enum FirmwareChoice { auto, efi, bios, hybrid }

    enum RecoveryFsChoice { squashfs, ext2 }

    enum CompressionChoice { gzip, xz, lzo }

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DISK|FILE",
            description = "Block device, or disk image file (created sparse when --size is given).")
    String target;

    @Option(names = "--size", paramLabel = "SIZE", description = "Create the target image file with this size, e.g. 8G.")
    String size;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "SOURCE",
            description = "Directory, tar archive (.tar, .tar.gz, .tar.xz, .tar.zst), squashfs or ext image; "
                    + "a path or a dir:// or file:// URI.")
    String source;

    @Option(names = "--firmware", defaultValue = "auto", paramLabel = "FW",
            description = "efi, bios, hybrid or auto (default: auto; a file target gets hybrid).")
    FirmwareChoice firmware;

    @Option(names = "--part-size", paramLabel = "NAME=MIB[,...]",
            description = "Partition sizes in MiB, 0 = rest of the disk, e.g. oem=64,recovery=4096,state=8192,persistent=0.")
    String partSizes;

    @Option(names = "--recovery-fs", defaultValue = "squashfs", description = "squashfs (default) or ext2.")
    RecoveryFsChoice recoveryFs;

    @Option(names = "--squash-compression", defaultValue = "gzip",
            description = "Recovery squashfs compression: gzip (default, fast), xz (smallest, slow) or lzo.")
    CompressionChoice squashCompression;

    @Option(names = "--system-size", paramLabel = "MIB", description = "Size of active.img/passive.img in MiB (default: tree + 256).")
    Long systemSizeMiB;

    @Option(names = "--cloud-init", paramLabel = "FILE", description = "Cloud-init file copied to COS_OEM (repeatable).")
    List<Path> cloudInit = new ArrayList<>();

    @Option(names = {"-y", "--yes"}, description = "Confirm that everything on the target will be erased.")
    boolean yes;

    InstallSpec toSpec() {
        Optional<ByteSize> createSize;
        try {
            createSize = Optional.ofNullable(size).map(ByteSize::parse);
        } catch (IllegalArgumentException e) {
            throw new dev.cos.installer.error.InstallerException(dev.cos.installer.error.ErrorCode.USAGE,
                    "invalid --size: " + e.getMessage());
        }
        Optional<Firmware> fw = firmware == FirmwareChoice.auto ? Optional.empty()
                : Optional.of(Firmware.valueOf(firmware.name().toUpperCase(java.util.Locale.ROOT)));
        Map<dev.cos.installer.model.PartitionRole, Long> sizes = partSizes == null ? Map.of()
                : dev.cos.installer.config.PartSizes.parse(partSizes);
        return new InstallSpec(target, createSize, source, fw, sizes, Map.of(), Optional.ofNullable(systemSizeMiB),
                RecoveryFs.valueOf(recoveryFs.name().toUpperCase(java.util.Locale.ROOT)),
                SquashCompression.valueOf(squashCompression.name().toUpperCase(java.util.Locale.ROOT)),
                cloudInit, yes);
    }
}
