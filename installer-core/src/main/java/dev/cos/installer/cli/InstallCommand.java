package dev.cos.installer.cli;

import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import dev.cos.installer.disk.DeviceNodes;
import dev.cos.installer.install.ImageFiles;
import dev.cos.installer.install.InstallJob;
import dev.cos.installer.install.PreparedInstall;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.PlannedPartition;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.service.InstallService;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cos-installer install}: writes the cOS layout onto a disk or a disk image file. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install a cOS system onto a disk or a disk image file. Everything on the target is erased.")
final class InstallCommand extends JobVerb {

    @Mixin
    InstallOptions options;

    @Override
    JobSummary.Install run(Wiring parts, ProgressPrinter printer) {
        InstallService service = new InstallService(parts);
        InstallOptions.Request request = options.toSpec(parts);
        request.warnings().forEach(warning -> printer.log("warn", warning));
        // The download of an http(s) source lives until the install is done.
        try (CleanupStack downloads = new CleanupStack()) {
            PreparedInstall prepared = service.prepare(request.spec(),
                    options.policy(request, message -> printer.log("warn", message)), downloads,
                    printer.bytesOf("download"), printer.bytesOf("verify"));
            printer.start("install", facts(prepared, options.unverified.used()));
            service.install(prepared, printer);
            return summary(prepared, options.unverified.used());
        }
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
