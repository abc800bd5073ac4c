package dev.cos.installer.repair;

import dev.cos.installer.installed.SystemLocation;
import java.util.List;

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
}
