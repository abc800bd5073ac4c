package dev.cos.installer.cli;

import dev.cos.installer.config.ConfigLoader;
import dev.cos.installer.config.FirmwareArg;
import dev.cos.installer.config.GlobalConfig;
import dev.cos.installer.config.InstallConfig;
import dev.cos.installer.config.InstallSpecFactory;
import dev.cos.installer.config.InstallerConfigs;
import dev.cos.installer.config.PartSizes;
import dev.cos.installer.config.PartitionsConfig;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.service.SourcePolicy;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.spec.SquashCompression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options install and plan share. Layered as the toolkit does: config file(s), then
 * ELEMENTAL_* environment variables, then these flags (later wins; docs/config.md).
 */
final class InstallOptions {

    enum RecoveryFsChoice { squashfs, ext2 }

    enum CompressionChoice { gzip, xz, lzo }

    @Option(names = {"-t", "--target"}, paramLabel = "DISK|FILE",
            description = "Block device, or disk image file (created sparse when --size is given).")
    Path target;

    @Option(names = "--size", paramLabel = "SIZE", description = "Create the target image file with this size, e.g. 8G.")
    String size;

    @Option(names = {"-s", "--source"}, paramLabel = "SOURCE",
            description = "Directory, tar archive (.tar, .tar.gz, .tar.xz, .tar.zst), squashfs or ext image; "
                    + "a path, a dir:// or file:// URI, or an http(s):// URL (optionally with #sha256=<hex>); a container image (oci:REF, docker:REF, oci-dir:PATH[:TAG], oci-archive:FILE[:TAG], each optionally @sha256:<digest>)"
                    + " (default: the demo OS image, built when not cached).")
    String source;

    @Option(names = "--firmware", paramLabel = "FW",
            description = "efi, bios, hybrid or auto (default: auto; a file target gets hybrid).")
    String firmware;

    @Option(names = "--part-size", paramLabel = "NAME=MIB[,...]",
            description = "Partition sizes in MiB, 0 = rest of the disk, e.g. oem=64,recovery=4096,state=8192,persistent=0.")
    String partSizes;

    @Option(names = "--recovery-fs", description = "squashfs (default) or ext2.")
    RecoveryFsChoice recoveryFs;

    @Option(names = "--squash-compression",
            description = "Recovery squashfs compression: gzip (default, fast), xz (smallest, slow) or lzo.")
    CompressionChoice squashCompression;

    @Option(names = "--system-size", paramLabel = "MIB", description = "Size of active.img/passive.img in MiB (default: tree + 256).")
    Long systemSizeMiB;

    @Option(names = "--cloud-init", paramLabel = "FILE", description = "Cloud-init file copied to COS_OEM (repeatable).")
    List<String> cloudInit = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE|DIR",
            description = "Elemental-style config.yaml, or a directory with config.yaml and config.d/ (default: /etc/elemental).")
    Path config;

    @Option(names = "--boot-tries", paramLabel = "N", defaultValue = "1",
            description = "Failed boots of a slot before GRUB falls back to the next one (active, passive, recovery); 1-9, default 1.")
    int bootTries;

    @Option(names = {"-y", "--yes"}, description = "Confirm that everything on the target will be erased.")
    boolean yes;

    @Mixin
    UnverifiedSources unverified = new UnverifiedSources();

    @Mixin
    ContainerOptions containers = new ContainerOptions();

    /**
     * What was asked.
     *
     * @param sourceNamedByCaller whether flags or config named the source; if not, it is the demo image the
     *     engine built itself, which the caller need not be able to read
     * @param allowUnverified whether an http(s) image without a digest may be used (flag over config)
     * @param containers how a container image source is read (flags over config)
     */
    record Request(InstallSpec spec, List<String> warnings, boolean sourceNamedByCaller, boolean allowUnverified,
                   ContainerSettings containers) {}

    /** The config files (opened with the access of the user who asked), the wiring's ELEMENTAL_* variables, these flags. */
    Request toSpec(Wiring wiring) {
        InstallerConfigs configs = new ConfigLoader(wiring.access()).load(Optional.ofNullable(config), wiring.environment())
                .merge(new InstallerConfigs(flagGlobals(), flagInstall(), dev.cos.installer.config.UpgradeConfig.EMPTY,
                        dev.cos.installer.config.ResetConfig.EMPTY));
        InstallSpecFactory.Result result = InstallSpecFactory.toSpec(configs, createSize(), yes,
                wiring.demoImage()::path);
        InstallSpec spec = parsed("--boot-tries", () -> result.spec().withBootTries(bootTries));
        return new Request(spec, result.warnings(), configs.install().systemUri().isPresent(), result.allowUnverified(),
                containers.settings(configs.global()));
    }

    private Optional<ByteSize> createSize() {
        return size == null ? Optional.empty() : Optional.of(parsed("--size", () -> ByteSize.parse(size)));
    }

    private InstallConfig flagInstall() {
        return InstallConfig.builder()
                .target(Optional.ofNullable(target))
                .systemUri(Optional.ofNullable(source))
                .firmware(firmware == null ? Optional.empty() : parsed("--firmware", () -> FirmwareArg.parse(firmware)))
                .partitions(partSizes == null ? PartitionsConfig.EMPTY
                        : PartitionsConfig.ofSizesMiB(parsed("--part-size", () -> PartSizes.parse(partSizes))))
                .systemSizeMiB(Optional.ofNullable(systemSizeMiB))
                .recoverySystemFs(Optional.ofNullable(recoveryFs).map(c -> RecoveryFs.valueOf(c.name().toUpperCase(Locale.ROOT))))
                .cloudInit(cloudInit)
                .allowUnverified(Optional.ofNullable(unverified.allowUnverified))
                .build();
    }

    /** The source rule of this request: warnings go to {@code warnings}. */
    SourcePolicy policy(Request request, java.util.function.Consumer<String> warnings) {
        return unverified.policy(request.allowUnverified(), warnings, request.sourceNamedByCaller(), request.containers());
    }

    /** Parses an option value, naming the option in the usage error. */
    private static <T> T parsed(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ErrorCode.USAGE, "invalid " + option + ": " + e.getMessage());
        }
    }

    private GlobalConfig flagGlobals() {
        return new GlobalConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(squashCompression).map(c -> SquashCompression.valueOf(c.name().toUpperCase(Locale.ROOT))));
    }
}
