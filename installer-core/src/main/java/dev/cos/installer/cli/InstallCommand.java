package dev.cos.installer.cli;

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
    Map<String, Object> run(Wiring parts, ProgressPrinter printer) {
        InstallService service = new InstallService(parts);
        InstallOptions.Request request = options.toSpec(parts);
        request.warnings().forEach(warning -> printer.log("warn", warning));
        // The download of an http(s) source lives until the install is done.
        try (CleanupStack downloads = new CleanupStack()) {
            PreparedInstall prepared = service.prepare(request.spec(),
                    options.policy(request, message -> printer.log("warn", message)), downloads,
                    printer.bytesOf("download"), printer.bytesOf("verify"));
            printer.start("install", options.unverified.mark(facts(prepared)));
            service.install(prepared, printer);
            return options.unverified.mark(summary(prepared));
        }
    }

    static Map<String, Object> facts(PreparedInstall prepared) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("target", prepared.target().path().toString() + " (" + prepared.target().size().human() + ")");
        facts.put("source", prepared.sourceFacts().uri());
        facts.put("digest", "sha256:" + prepared.sourceFacts().sha256());
        facts.put("firmware", prepared.firmware().cliName());
        facts.put("log", LogFile.current().toString());
        return facts;
    }

    private static Map<String, Object> summary(PreparedInstall prepared) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("target", prepared.target().path().toString());
        for (PlannedPartition p : prepared.plan().partitions()) {
            summary.put(p.gptName(), p.size().human() + p.label().map(l -> " " + l).orElse(""));
        }
        summary.put("system", prepared.plan().images().systemImage().human() + " active.img + passive.img on "
                + prepared.plan().get(PartitionRole.STATE).label().orElseThrow());
        summary.put("log", LogFile.current().toString());
        return summary;
    }
}
