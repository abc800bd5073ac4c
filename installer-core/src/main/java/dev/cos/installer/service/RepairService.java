package dev.cos.installer.service;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.repair.RepairJob;
import dev.cos.installer.repair.RepairSpec;

/** {@code repair}: filesystems, bootloader, GRUB environment. */
public final class RepairService {

    private final Wiring wiring;

    public RepairService(Wiring wiring) {
        this.wiring = wiring;
    }

    /** @param started told when the machine's checks passed, just before the job begins */
    public RepairJob.Outcome repair(RepairSpec spec, ProgressListener listener, Runnable started) {
        wiring.root().require("repair");
        started.run();
        return wiring.withMountBase("repair", mountBase -> new RepairJob(spec, wiring.runner(), wiring.mounter(),
                wiring.opener(mountBase), wiring.grubFiles(), mountBase, wiring.clock())
                .run(wiring.stepHook().around(listener)));
    }
}
