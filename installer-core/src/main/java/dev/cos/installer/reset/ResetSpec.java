package dev.cos.installer.reset;

import dev.cos.installer.installed.SystemLocation;
import java.util.Optional;

/**
 * What a reset was asked to do (spec section 4).
 *
 * @param source deploy active and passive from this (path, dir:///, file:///); empty: from the recovery image
 * @param resetPersistent also reformat COS_PERSISTENT (its files are lost)
 * @param resetOem also reformat COS_OEM (cloud-init files and the GRUB runtime block are lost; the block is recreated)
 */
public record ResetSpec(SystemLocation location, Optional<String> source, boolean resetPersistent, boolean resetOem) {
}
