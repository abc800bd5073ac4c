package dev.cos.installer.upgrade;

import dev.cos.installer.config.UpgradeConfig;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.installed.SystemLocation;
import java.util.Optional;

/**
 * Turns config.yaml's upgrade: section (files, then ELEMENTAL_UPGRADE_* variables) and the flags into
 * an {@link UpgradeSpec}: flags win (docs/decisions/0003). The source of a recovery upgrade is
 * upgrade.recovery-system.uri when set, else upgrade.system.uri; a --source flag wins over both.
 */
public final class UpgradeSpecFactory {

    /** The spec, and whether an http(s) source with no published digest may be used (flag over config). */
    public record Result(UpgradeSpec spec, boolean allowUnverified) {}

    private UpgradeSpecFactory() {
    }

    /**
     * @param configured the loaded configuration's upgrade section
     * @param flags what the command line set (empty fields: not given)
     */
    public static Result toSpec(UpgradeConfig configured, UpgradeConfig flags, SystemLocation location,
                                Optional<Long> systemSizeMiB) {
        UpgradeConfig merged = configured.merge(flags);
        boolean recovery = merged.recovery().orElse(false);
        Optional<String> source = recovery && flags.systemUri().isEmpty()
                ? merged.recoverySystemUri().or(merged::systemUri) : merged.systemUri();
        String chosen = source.orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "no source to upgrade from: give --source, or set upgrade.system.uri in config.yaml"));
        return new Result(new UpgradeSpec(location, chosen, recovery, systemSizeMiB), merged.allowUnverified().orElse(false));
    }
}
