package dev.cos.installer.bootentry;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.Slot;
import dev.cos.installer.installed.SystemLocation;

/**
 * What {@code bootentry} was asked to do.
 *
 * @param once only for the next boot (next_entry), else by default (saved_entry)
 * @param rehearsal a rollback rehearsal: passive once, and status reports afterwards whether it booted
 */
public record BootentrySpec(SystemLocation location, Slot slot, boolean once, boolean rehearsal) {

    public BootentrySpec {
        if (rehearsal && (slot != Slot.PASSIVE || !once)) {
            throw new InstallerException(ErrorCode.USAGE, "--rehearsal goes with --select passive --once: a rehearsal"
                    + " boots passive once and comes back");
        }
    }

    /** @param select the slot as the person named it: active, passive or recovery */
    public static BootentrySpec of(SystemLocation location, String select, boolean once, boolean rehearsal) {
        Slot slot = Slot.fromCliName(select).orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "invalid --select '" + select + "': use active, passive or recovery"));
        return new BootentrySpec(location, slot, once, rehearsal);
    }
}
