package dev.cos.installer.install;

import java.util.List;

/**
 * Says why a block device must not be written: it holds the running system or the live medium,
 * a mounted filesystem, active swap, a device-mapper/RAID holder, or is read-only.
 */
@FunctionalInterface
public interface TargetGuard {

    /** @return one message per reason, for a person; empty when the device may be written */
    List<String> reasonsNotToUse(String device);
}
