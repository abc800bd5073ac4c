package dev.cos.installer.service;

import dev.cos.installer.install.DryRunCommandRunner;
import dev.cos.installer.install.ImageFiles;
import dev.cos.installer.install.InstallJob;
import dev.cos.installer.install.InstallDryRun;
import dev.cos.installer.install.InstallPreflight;
import dev.cos.installer.install.PreparedInstall;
import dev.cos.installer.install.TargetResolver;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.spec.InstallSpec;
import java.util.List;

/** {@code install} and {@code plan}: every check first (nothing written), then the install or its dry run. */
public record InstallService(Wiring wiring) {

    /** What an install did: the prepared install it carried out. */
    public record Installed(PreparedInstall prepared) {}

    /** What an install would do: its checked facts, and every operation it would run, in order. */
    public record Plan(PreparedInstall prepared, List<DryRunCommandRunner.Operation> operations) {}

    /**
     * Every check before anything is written: root, the system tools, then target, source (read fully),
     * layout and space. An http(s) source is downloaded into a directory {@code downloads} removes:
     * keep it open until the install is done.
     */
    public PreparedInstall prepare(InstallSpec spec, SourcePolicy policy, CleanupStack downloads, ByteProgress download,
                                   ByteProgress read) {
        wiring.root().require("install");
        wiring.tools().check();
        return preflight(spec, policy, downloads, download, read);
    }

    private PreparedInstall preflight(InstallSpec spec, SourcePolicy policy, CleanupStack downloads, ByteProgress download,
                                      ByteProgress read) {
        return new InstallPreflight(new TargetResolver(wiring.runner(), wiring.guard(), wiring.access()),
                wiring.sources(policy), new LayoutPlanner(), wiring.firmware(), wiring.access())
                .prepare(spec, downloads, download, read);
    }

    /** Writes the prepared install; throws a StepFailedException naming the failed step, after its cleanup. */
    public Installed install(PreparedInstall prepared, ProgressListener listener) {
        return wiring.withMountBase("install", mountBase -> {
            new InstallJob(prepared, wiring.runner(), wiring.mounter(), wiring.deviceNodes(), wiring.unpacker(),
                    wiring.guard(), mountBase, wiring.clock(), operation -> { }, ImageFiles.system(wiring.access().caller()))
                    .run(wiring.stepHook().around(listener));
            return new Installed(prepared);
        });
    }

    /** The plan of an install: checked as install checks (an http(s) source is downloaded), nothing written. */
    public Plan plan(InstallSpec spec, SourcePolicy policy, CleanupStack downloads) {
        PreparedInstall prepared = preflight(spec, policy, downloads, ByteProgress.NONE, ByteProgress.NONE);
        return new Plan(prepared, new InstallDryRun(wiring.guard()).operations(prepared));
    }
}
