package dev.cos.installer.reset;

import dev.cos.installer.config.ResetConfig;
import dev.cos.installer.installed.SystemLocation;

/**
 * Turns config.yaml's reset: section (files, then ELEMENTAL_RESET_* variables) and the flags into a
 * {@link ResetSpec}: flags win (docs/decisions/0003); what nobody set keeps COS_PERSISTENT and COS_OEM
 * and deploys the recovery image.
 */
public final class ResetSpecFactory {

    /** The spec, and whether an http(s) source with no published digest may be used (flag over config). */
    public record Result(ResetSpec spec, boolean allowUnverified) {}

    private ResetSpecFactory() {
    }

    /**
     * @param configured the loaded configuration's reset section
     * @param flags what the command line set (empty fields: not given)
     */
    public static Result toSpec(ResetConfig configured, ResetConfig flags, SystemLocation location) {
        ResetConfig merged = configured.merge(flags);
        return new Result(new ResetSpec(location, merged.systemUri(), merged.resetPersistent().orElse(false),
                merged.resetOem().orElse(false)), merged.allowUnverified().orElse(false));
    }
}
