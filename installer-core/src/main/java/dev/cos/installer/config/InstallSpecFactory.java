package dev.cos.installer.config;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.spec.SquashCompression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the merged configuration (files, environment, flags) into an {@link InstallSpec}, refusing
 * what this installer does not do yet rather than ignoring it.
 */
public final class InstallSpecFactory {

    /**
     * The spec, lines about settings that are accepted but have no effect, and whether an http(s)
     * source with no published digest may be installed ({@code install.allow-unverified}, {@code --allow-unverified}).
     */
    public record Result(InstallSpec spec, List<String> warnings, boolean allowUnverified) {}

    private InstallSpecFactory() {
    }

    public static Result toSpec(InstallerConfigs configs, Optional<ByteSize> createSize, boolean assumeYes) {
        return toSpec(configs, createSize, assumeYes, () -> {
            throw new InstallerException(ErrorCode.USAGE,
                    "no source given: use --source DIR|ARCHIVE|IMAGE, or install.system.uri in the config file");
        });
    }

    /**
     * @param defaultSource the source when neither flags nor config name one (the CLI: the demo image,
     *     built on demand); asked only then, after the target is known
     */
    public static Result toSpec(InstallerConfigs configs, Optional<ByteSize> createSize, boolean assumeYes,
                                java.util.function.Supplier<String> defaultSource) {
        InstallConfig install = configs.install();
        String target = install.target().map(Path::toString).orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "no target given: use --target DISK|FILE, or install.target in the config file"));
        String source = install.systemUri().orElseGet(defaultSource);
        if (!install.extraPartitions().isEmpty()) {
            throw unsupported("install.extra-partitions");
        }
        if (install.noFormat().orElse(false)) {
            throw unsupported("install.no-format");
        }
        install.recoverySystemUri().filter(uri -> !uri.equals(source)).ifPresent(uri -> {
            throw unsupported("install.recovery-system.uri (a recovery source other than the system's)");
        });
        Map<PartitionRole, Long> sizes = new EnumMap<>(PartitionRole.class);
        Map<PartitionRole, String> labels = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : PartitionsConfig.CONFIGURABLE) {
            PartitionConfig partition = install.partitions().forRole(role);
            partition.sizeMiB().ifPresent(size -> sizes.put(role, size));
            partition.label().ifPresent(label -> labels.put(role, label));
            partition.fs().filter(fs -> fs != PartitionFs.EXT4).ifPresent(fs -> {
                throw new InstallerException(ErrorCode.BAD_CONFIG, "install.partitions." + role.gptName() + ".fs: only ext4 is "
                        + "supported for the cOS partitions, got " + fs.fsName());
            });
        }
        List<Path> cloudInit = install.cloudInit().stream().map(Path::of).toList();
        InstallSpec spec = new InstallSpec(target, createSize, source, install.firmware(), sizes, labels,
                install.systemSizeMiB(), install.recoverySystemFs().orElse(RecoveryFs.SQUASHFS),
                configs.global().squashCompression().orElse(SquashCompression.GZIP), cloudInit, assumeYes,
                InstallSpec.DEFAULT_BOOT_TRIES);
        List<String> warnings = new ArrayList<>();
        GlobalConfig global = configs.global();
        global.reboot().filter(Boolean::booleanValue).ifPresent(x -> warnings.add("reboot: ignored, reboot by hand after the install"));
        global.poweroff().filter(Boolean::booleanValue).ifPresent(x -> warnings.add("poweroff: ignored, power off by hand after the install"));
        global.ejectCd().filter(Boolean::booleanValue).ifPresent(x -> warnings.add("eject-cd: ignored"));
        install.grubEntryName().ifPresent(x -> warnings.add("install.grub-entry-name: ignored (the menu is named by"
                + " default_menu_entry in COS_STATE:/grub_oem_env)"));
        return new Result(spec, warnings, install.allowUnverified().orElse(false));
    }

    private static InstallerException unsupported(String key) {
        return new InstallerException(ErrorCode.BAD_CONFIG, key + " is not supported by this installer yet: remove it from the configuration");
    }
}
