package dev.cos.installer.cli;

import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.Json;
import dev.cos.installer.install.DryRunCommandRunner;
import dev.cos.installer.install.PreparedInstall;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.layout.PlannedPartition;
import dev.cos.installer.service.InstallService;
import dev.cos.installer.spec.RecoveryFs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cos-installer plan}: what an install would write and run. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the partition table, the images and the exact commands an install would run. Changes nothing.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    InstallOptions options;

    @Mixin
    AnswerOutput output;

    @Mixin
    EngineWiring wiring;

    @Override
    public Integer call() throws Exception {
        // The plan is for a confirmed install: do not refuse for want of --yes.
        InstallOptions confirmed = options;
        confirmed.yes = true;
        // An http(s) source is downloaded to be measured, and removed again when the plan is printed.
        try (CleanupStack downloads = new CleanupStack()) {
            InstallOptions.Request request = confirmed.toSpec(wiring.get());
            PrintWriter err = output.err();
            InstallService.Plan plan = new InstallService(wiring.get()).plan(request.spec(), options.policy(request, message -> {
                err.println("warning: " + message);
                err.flush();
            }), downloads);
            PreparedInstall prepared = plan.prepared();
            List<DryRunCommandRunner.Operation> operations = plan.operations();
            output.print(() -> Json.pretty(toJson(prepared, operations, options.unverified.used())),
                    out -> printText(out, prepared, operations));
        }
        return 0;
    }

    static InstallPlan toJson(PreparedInstall prepared, List<DryRunCommandRunner.Operation> operations,
            boolean unverified) {
        PartitionPlan plan = prepared.plan();
        int sector = prepared.target().sectorBytes();
        List<InstallPlan.Partition> partitions = new ArrayList<>();
        for (PlannedPartition p : plan.partitions()) {
            partitions.add(new InstallPlan.Partition(p.number(), p.gptName(), p.role().typeCode(), p.startSector(sector),
                    p.endSector(sector), p.startMiB(), p.sizeMiB(), p.filesystem().orElse(null), p.label().orElse(null)));
        }
        InstallPlan.Source source = new InstallPlan.Source(prepared.sourceFacts().uri(),
                "sha256:" + prepared.sourceFacts().sha256(), prepared.sourceFacts().sourceBytes(),
                prepared.sourceFacts().treeSize().bytes(), prepared.pinned().map(InspectCommand::image).orElse(null));
        return new InstallPlan(prepared.target().path().toString(),
                prepared.target().kind().name().toLowerCase(java.util.Locale.ROOT), plan.diskSize().bytes(),
                plan.minimumDiskSize().bytes(), sector, prepared.firmware().cliName(), plan.scaled(), partitions,
                images(prepared), source, plan.upgradeCapacity().mib(),
                operations.stream().map(op -> new InstallPlan.Operation(op.kind(), op.text())).toList(), unverified);
    }

    private static List<InstallPlan.Image> images(PreparedInstall prepared) {
        PartitionPlan plan = prepared.plan();
        long systemMiB = plan.images().systemImage().mib();
        RecoveryFs recoveryFs = prepared.spec().recoveryFs();
        return List.of(new InstallPlan.Image("COS_STATE:/cOS/active.img", "ext2", "COS_ACTIVE", systemMiB),
                new InstallPlan.Image("COS_STATE:/cOS/passive.img", "ext2", "COS_PASSIVE", systemMiB),
                new InstallPlan.Image("COS_RECOVERY:/cOS/" + recoveryFs.fileName(), recoveryFs.fs(),
                        recoveryFs == RecoveryFs.EXT2 ? "COS_SYSTEM" : null,
                        recoveryFs == RecoveryFs.EXT2 ? systemMiB : plan.images().recoveryImage().mib()));
    }

    private static void printText(PrintWriter out, PreparedInstall prepared, List<DryRunCommandRunner.Operation> operations) {
        PartitionPlan plan = prepared.plan();
        int sector = prepared.target().sectorBytes();
        out.printf("Target:   %s (%s, %s)%n", prepared.target().path(), plan.diskSize().human(),
                prepared.target().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        out.printf("Source:   %s%n          sha256:%s, tree %s%n", prepared.sourceFacts().uri(), prepared.sourceFacts().sha256(),
                prepared.sourceFacts().treeSize().human());
        prepared.pinned().ifPresent(image -> out.printf("Image:    %s%n          %s%s%n", image.source().reference(),
                image.platform(), image.signedBy().map(key -> ", signed by key " + key).orElse(", signature not checked")));
        out.printf("Firmware: %s%n", prepared.firmware().cliName());
        out.printf("Minimum disk size for this source and layout: %s%s%n%n", plan.minimumDiskSize().human(),
                plan.scaled() ? " (STATE and RECOVERY scaled to the image: the disk is smaller than the defaults need)" : "");
        out.printf("%-3s %-11s %-5s %12s %12s %10s  %-6s %s%n", "#", "name", "type", "start", "end", "size", "fs", "label");
        for (PlannedPartition p : plan.partitions()) {
            out.printf("%-3d %-11s %-5s %12d %12d %10s  %-6s %s%n", p.number(), p.gptName(), p.role().typeCode(),
                    p.startSector(sector), p.endSector(sector), p.size().human(), p.filesystem().orElse("-"),
                    p.label().orElse("-"));
        }
        out.println();
        out.println("Images:");
        for (InstallPlan.Image image : images(prepared)) {
            out.printf("  %-36s %-8s %-12s %6s MiB%n", image.path(), image.fs(),
                    image.label() == null ? "-" : image.label(), image.sizeMiB());
        }
        out.printf("COS_STATE holds active + passive + one upgrade of up to %d MiB.%n%n", plan.upgradeCapacity().mib());
        out.println("Operations, in order:");
        int n = 1;
        for (DryRunCommandRunner.Operation op : operations) {
            out.printf("%3d. %s%s%n", n++, op.kind().equals("file") ? "(file) " : "", op.text());
        }
    }
}
