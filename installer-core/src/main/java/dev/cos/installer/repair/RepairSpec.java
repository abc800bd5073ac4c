package dev.cos.installer.repair;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.installed.SystemLocation;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code repair} was asked to do.
 *
 * @param partitions the partitions to check, by label or GPT name; empty: every one
 * @param yesFix e2fsck -y instead of -p
 */
public record RepairSpec(SystemLocation location, boolean fsck, List<String> partitions, boolean yesFix,
                         boolean bootloader, boolean grubEnv) {

    public RepairSpec {
        partitions = List.copyOf(partitions);
    }

    /** The spec of the flags as given, refused when they ask for nothing or mix options that do not go together. */
    public static RepairSpec of(Supplier<SystemLocation> location, boolean fsck, List<String> partitions,
                                boolean yesFix, boolean bootloader, boolean grubEnv) {
        if (!fsck && !bootloader && !grubEnv) {
            throw new InstallerException(ErrorCode.USAGE, "nothing to repair:"
                    + " give --fsck, --bootloader and/or --grub-env (--describe lists what each changes)");
        }
        if ((yesFix || !partitions.isEmpty()) && !fsck) {
            throw new InstallerException(ErrorCode.USAGE,
                    "--yes-fix and --partition go with --fsck");
        }
        return new RepairSpec(location.get(), fsck, partitions, yesFix, bootloader, grubEnv);
    }
}
