package dev.cos.installer.upgrade;

import dev.cos.installer.installed.SystemLocation;
import java.util.Optional;

/**
 * What an upgrade was asked to do.
 *
 * @param source the new system (path, dir:///, file:///), as for install
 * @param recovery upgrade the recovery image instead of active/passive
 * @param systemSizeMiB size of the new active image; empty means tree + 256 MiB
 */
public record UpgradeSpec(SystemLocation location, String source, boolean recovery, Optional<Long> systemSizeMiB) {
}
