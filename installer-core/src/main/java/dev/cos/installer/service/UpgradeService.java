package dev.cos.installer.service;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.upgrade.UpgradeJob;
import dev.cos.installer.upgrade.UpgradeSpec;

/** {@code upgrade}: a new system (or recovery) image from a source, A/B. */
public record UpgradeService(Wiring wiring) {

    /**
     * @param started told when the machine's checks passed, just before the job begins
     * @throws dev.cos.installer.error.InstallerException when not root or a tool is missing; a
     *     StepFailedException naming the failed step, after its cleanup
     */
    public UpgradeJob.Outcome upgrade(UpgradeSpec spec, SourcePolicy policy, ProgressListener listener, Runnable started) {
        return wiring.runJob("upgrade", true, started, listener, (mountBase, heard) -> new UpgradeJob(spec,
                wiring.runner(), wiring.opener(mountBase), wiring.sources(policy), wiring.unpacker(), wiring.freeSpace(),
                wiring.clock()).run(heard));
    }
}
