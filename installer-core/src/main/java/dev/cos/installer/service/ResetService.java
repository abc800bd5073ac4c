package dev.cos.installer.service;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.reset.ResetJob;
import dev.cos.installer.reset.ResetSpec;

/** {@code reset}: active and passive redeployed from recovery (or a source). */
public record ResetService(Wiring wiring) {

    /**
     * @param started told when the machine's checks passed, just before the job begins
     * @throws dev.cos.installer.error.InstallerException when not root or a tool is missing; a
     *     StepFailedException naming the failed step, after its cleanup
     */
    public ResetJob.Outcome reset(ResetSpec spec, SourcePolicy policy, ProgressListener listener, Runnable started) {
        return wiring.runJob("reset", true, started, listener, (mountBase, heard) -> new ResetJob(spec, wiring.runner(),
                wiring.mounter(), wiring.opener(mountBase), wiring.sources(policy), wiring.unpacker(), wiring.freeSpace(),
                wiring.grubFiles(), wiring.clock()).run(heard));
    }
}
