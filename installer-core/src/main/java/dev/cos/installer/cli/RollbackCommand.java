package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.rollback.RollbackJob;
import dev.cos.installer.installed.SystemLocation;
import java.time.Clock;
import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer rollback --swap}: passive becomes active and active passive. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll back to the previous system. To boot passive next without changing the images, use"
                + " 'bootentry --select passive' (--once for one boot).",
                "--swap renames passive.img to active.img and active.img to passive.img (state.yaml follows); keeps"
                        + " your data in COS_PERSISTENT and COS_OEM, and the recovery image. Refused on the running"
                        + " system booted from active (its image is in use); fine from passive, recovery or offline."})
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--swap", description = "Swap passive and active (required: the one kind of rollback that changes images).")
    boolean swap;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProgressPrinter printer = progress.printer(spec.commandLine().getOut());
        return ProgressOption.report(printer, () -> {
            if (!swap) {
                throw new InstallerException(ErrorCode.USAGE, "give --swap to make passive the active system, or use"
                        + " 'bootentry --select passive' to boot it without changing the images");
            }
            SystemLocation location = system.location(false);
            Privileges.requireRoot("rollback");
            Services services = Services.system();
            printer.start("rollback", new JobFacts.Rollback(location instanceof SystemLocation.Offline offline
                    ? offline.target() + " (offline)" : "the running system", LogFile.current().toString()));
            RollbackJob.Outcome outcome = SystemOptions.withMountBase("rollback", mountBase ->
                    new RollbackJob(location, services.runner(), services.opener(mountBase), mountBase,
                            Clock.systemDefaultZone()).run(printer));
            return new JobSummary.Rollback(outcome.after().active().source(), outcome.after().active().digest(),
                    outcome.after().passive().source(), outcome.after().passive().digest(), LogFile.current().toString());
        });
    }
}
