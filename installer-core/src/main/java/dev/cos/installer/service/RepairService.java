package dev.cos.installer.service;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.repair.RepairJob;
import dev.cos.installer.repair.RepairSpec;

/** {@code repair}: filesystems, bootloader, GRUB environment. */
public record RepairService(Wiring wiring) {

    /** @param started told when the root check passed, just before the job begins */
    public RepairJob.Outcome repair(RepairSpec spec, ProgressListener listener, Runnable started) {
        return wiring.runJob("repair", false, started, listener, (mountBase, heard) -> new RepairJob(spec, wiring.runner(),
                wiring.mounter(), wiring.opener(mountBase), wiring.grubFiles(), mountBase, wiring.clock()).run(heard));
    }
}
