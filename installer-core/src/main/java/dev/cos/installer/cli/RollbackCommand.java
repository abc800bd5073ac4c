package dev.cos.installer.cli;

import dev.cos.installer.rollback.RollbackJob;
import dev.cos.installer.rollback.RollbackSpec;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.service.RollbackService;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cos-installer rollback --swap}: passive becomes active and active passive. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll back to the previous system. To boot passive next without changing the images, use"
                + " 'bootentry --select passive' (--once for one boot).",
                "--swap renames passive.img to active.img and active.img to passive.img (state.yaml follows); keeps"
                        + " your data in COS_PERSISTENT and COS_OEM, and the recovery image. Refused on the running"
                        + " system booted from active (its image is in use); fine from passive, recovery or offline."})
final class RollbackCommand extends JobVerb {

    @Mixin
    SystemOptions system;

    @Option(names = "--swap", description = "Swap passive and active (required: the one kind of rollback that changes images).")
    boolean swap;

    @Override
    JobSummary.Rollback run(Wiring parts, ProgressPrinter printer) {
        RollbackSpec rollback = RollbackSpec.of(swap, () -> system.location(false));
        RollbackJob.Outcome outcome = new RollbackService(parts).rollback(rollback, printer,
                () -> printer.start("rollback", new JobFacts.Rollback(rollback.location() instanceof SystemLocation.Offline
                        offline ? offline.target() + " (offline)" : "the running system", LogFile.current().toString())));
        return new JobSummary.Rollback(outcome.after().active().source(), outcome.after().active().digest(),
                outcome.after().passive().source(), outcome.after().passive().digest(), LogFile.current().toString());
    }
}
