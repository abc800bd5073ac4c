package dev.cos.installer.service;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.rollback.RollbackJob;
import dev.cos.installer.rollback.RollbackSpec;

/** {@code rollback --swap}: passive becomes active and active passive. */
public record RollbackService(Wiring wiring) {

    /** @param started told when the root check passed, just before the job begins */
    public RollbackJob.Outcome rollback(RollbackSpec spec, ProgressListener listener, Runnable started) {
        return wiring.runJob("rollback", false, started, listener, (mountBase, heard) -> new RollbackJob(spec.location(),
                wiring.runner(), wiring.opener(mountBase), mountBase, wiring.clock()).run(heard));
    }
}
