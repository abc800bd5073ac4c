package dev.cos.installer.cli;

import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import dev.cos.installer.disk.DeviceNodes;
import dev.cos.installer.install.ImageFiles;
import dev.cos.installer.install.InstallJob;
import dev.cos.installer.install.PreparedInstall;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.PlannedPartition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code cos-installer install}: writes the cOS layout onto a disk or a disk image file. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install a cOS system onto a disk or a disk image file. Everything on the target is erased.")
final class InstallCommand implements Callable<Integer> {

    @Mixin
    InstallOptions options;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProgressPrinter printer = progress.printer(spec.commandLine().getOut());
        return ProgressOption.report(printer, () -> {
            Privileges.requireRoot("install");
            RequiredTools.system().check();
            Services services = Services.system();
            InstallOptions.Request request = options.toSpec(services.access());
            request.warnings().forEach(warning -> printer.log("warn", warning));
            // The download of an http(s) source lives until the install is done.
            try (CleanupStack downloads = new CleanupStack()) {
                PreparedInstall prepared = services.preflight(options.unverified.locator(request.allowUnverified(),
                                message -> printer.log("warn", message), request.sourceNamedByCaller() ? services.access()
                                        : dev.cos.installer.access.CallerAccess.root()))
                        .prepare(request.spec(), downloads, printer.bytesOf("download"), printer.bytesOf("verify"));
                printer.start("install", facts(prepared, options.unverified.used()));
                SystemOptions.withMountBase("install", mountBase -> {
                    new InstallJob(prepared, services.runner(), services.mounter(), DeviceNodes.system(),
                            services.unpacker(), services.guard(), mountBase, Clock.systemDefaultZone(), op -> { },
                            ImageFiles.system(services.access().caller())).run(printer);
                    return null;
                });
                return summary(prepared, options.unverified.used());
            }
        });
    }

    static JobFacts.Install facts(PreparedInstall prepared, boolean unverified) {
        return new JobFacts.Install(prepared.target().path().toString() + " (" + prepared.target().size().human() + ")",
                prepared.sourceFacts().uri(), "sha256:" + prepared.sourceFacts().sha256(), prepared.firmware().cliName(),
                LogFile.current().toString(), unverified);
    }

    private static JobSummary.Install summary(PreparedInstall prepared, boolean unverified) {
        Map<String, String> partitions = new LinkedHashMap<>();
        for (PlannedPartition p : prepared.plan().partitions()) {
            partitions.put(p.gptName(), p.size().human() + p.label().map(l -> " " + l).orElse(""));
        }
        return new JobSummary.Install(prepared.target().path().toString(), partitions,
                prepared.plan().images().systemImage().human() + " active.img + passive.img on "
                        + prepared.plan().get(PartitionRole.STATE).label().orElseThrow(),
                LogFile.current().toString(), unverified);
    }
}
