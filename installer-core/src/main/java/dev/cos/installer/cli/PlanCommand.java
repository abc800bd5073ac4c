package dev.cos.installer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cos.installer.config.InstallSpecFactory;
import dev.cos.installer.install.DryRunCommandRunner;
import dev.cos.installer.install.InstallDryRun;
import dev.cos.installer.install.PreparedInstall;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.layout.PlannedPartition;
import dev.cos.installer.spec.RecoveryFs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer plan}: what an install would write and run. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show the partition table, the images and the exact commands an install would run. Changes nothing.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    InstallOptions options;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Services services = Services.system();
        // The plan is for a confirmed install: do not refuse for want of --yes.
        InstallOptions confirmed = options;
        confirmed.yes = true;
        // An http(s) source is downloaded to be measured, and removed again when the plan is printed.
        try (CleanupStack downloads = new CleanupStack()) {
            InstallOptions.Request request = confirmed.toSpec(services.access());
            PrintWriter err = spec.commandLine().getErr();
            PreparedInstall prepared = services.preflight(options.unverified.locator(request.allowUnverified(), message -> {
                err.println("warning: " + message);
                err.flush();
            }, request.sourceNamedByCaller() ? services.access() : dev.cos.installer.access.CallerAccess.root()))
                    .prepare(request.spec(), downloads, ByteProgress.NONE, ByteProgress.NONE);
            List<DryRunCommandRunner.Operation> operations = new InstallDryRun(services.guard()).operations(prepared);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                        options.unverified.mark(toJson(prepared, operations))));
            } else {
                printText(out, prepared, operations);
            }
            out.flush();
        }
        return 0;
    }

    static Map<String, Object> toJson(PreparedInstall prepared, List<DryRunCommandRunner.Operation> operations) {
        PartitionPlan plan = prepared.plan();
        int sector = prepared.target().sectorBytes();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", prepared.target().path().toString());
        root.put("targetKind", prepared.target().kind().name().toLowerCase(java.util.Locale.ROOT));
        root.put("diskBytes", plan.diskSize().bytes());
        root.put("minimumDiskBytes", plan.minimumDiskSize().bytes());
        root.put("sectorBytes", sector);
        root.put("firmware", prepared.firmware().cliName());
        root.put("scaled", plan.scaled());
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (PlannedPartition p : plan.partitions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", p.number());
            row.put("name", p.gptName());
            row.put("type", p.role().typeCode());
            row.put("startSector", p.startSector(sector));
            row.put("endSector", p.endSector(sector));
            row.put("startMiB", p.startMiB());
            row.put("sizeMiB", p.sizeMiB());
            row.put("fs", p.filesystem().orElse(null));
            row.put("label", p.label().orElse(null));
            partitions.add(row);
        }
        root.put("partitions", partitions);
        root.put("images", images(prepared));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("uri", prepared.sourceFacts().uri());
        source.put("digest", "sha256:" + prepared.sourceFacts().sha256());
        source.put("bytes", prepared.sourceFacts().sourceBytes());
        source.put("treeBytes", prepared.sourceFacts().treeSize().bytes());
        root.put("source", source);
        root.put("upgradeCapacityMiB", plan.upgradeCapacity().mib());
        root.put("operations", operations);
        return root;
    }

    private static List<Map<String, Object>> images(PreparedInstall prepared) {
        PartitionPlan plan = prepared.plan();
        long systemMiB = plan.images().systemImage().mib();
        RecoveryFs recoveryFs = prepared.spec().recoveryFs();
        List<Map<String, Object>> images = new ArrayList<>();
        images.add(image("COS_STATE:/cOS/active.img", "ext2", "COS_ACTIVE", systemMiB));
        images.add(image("COS_STATE:/cOS/passive.img", "ext2", "COS_PASSIVE", systemMiB));
        images.add(image("COS_RECOVERY:/cOS/" + recoveryFs.fileName(), recoveryFs.fs(),
                recoveryFs == RecoveryFs.EXT2 ? "COS_SYSTEM" : null,
                recoveryFs == RecoveryFs.EXT2 ? systemMiB : plan.images().recoveryImage().mib()));
        return images;
    }

    private static Map<String, Object> image(String path, String fs, String label, long sizeMiB) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("path", path);
        image.put("fs", fs);
        image.put("label", label);
        image.put("sizeMiB", sizeMiB);
        return image;
    }

    private static void printText(PrintWriter out, PreparedInstall prepared, List<DryRunCommandRunner.Operation> operations) {
        PartitionPlan plan = prepared.plan();
        int sector = prepared.target().sectorBytes();
        out.printf("Target:   %s (%s, %s)%n", prepared.target().path(), plan.diskSize().human(),
                prepared.target().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        out.printf("Source:   %s%n          sha256:%s, tree %s%n", prepared.sourceFacts().uri(), prepared.sourceFacts().sha256(),
                prepared.sourceFacts().treeSize().human());
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
        for (Map<String, Object> image : images(prepared)) {
            out.printf("  %-36s %-8s %-12s %6s MiB%n", image.get("path"), image.get("fs"),
                    image.get("label") == null ? "-" : image.get("label"), image.get("sizeMiB"));
        }
        out.printf("COS_STATE holds active + passive + one upgrade of up to %d MiB.%n%n", plan.upgradeCapacity().mib());
        out.println("Operations, in order:");
        int n = 1;
        for (DryRunCommandRunner.Operation op : operations) {
            out.printf("%3d. %s%s%n", n++, op.kind().equals("file") ? "(file) " : "", op.text());
        }
    }
}
