package dev.cos.installer.service;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.rollback.RollbackJob;
import dev.cos.installer.rollback.RollbackSpec;

/** {@code rollback --swap}: passive becomes active and active passive. */
public final class RollbackService {

    private final Wiring wiring;

    public RollbackService(Wiring wiring) {
        this.wiring = wiring;
    }

    /** @param started told when the machine's checks passed, just before the job begins */
    public RollbackJob.Outcome rollback(RollbackSpec spec, ProgressListener listener, Runnable started) {
        wiring.root().require("rollback");
        started.run();
        return wiring.withMountBase("rollback", mountBase -> new RollbackJob(spec.location(), wiring.runner(),
                wiring.opener(mountBase), mountBase, wiring.clock()).run(wiring.stepHook().around(listener)));
    }
}
