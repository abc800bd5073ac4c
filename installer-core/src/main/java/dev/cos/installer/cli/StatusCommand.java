package dev.cos.installer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.config.UpgradeConfig;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.status.StatusReader;
import dev.cos.installer.status.SystemStatus;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.history.HistoryEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer status}: booted slot, image versions, free space and boot assessment. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the booted slot, each image's version and source, free space and the boot-assessment state.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--json", description = "Print one JSON object (fields in docs/upgrade.md).")
    boolean json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SystemLocation location = system.location(false);
        Privileges.requireRoot("status");
        Services services = Services.system();
        SystemStatus status = SystemOptions.withMountBase("status", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                return new StatusReader(services.runner(), FreeSpace.system())
                        .read(services.opener(mountBase).open(location, false, cleanup));
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        UpgradeConfig upgrade = upgradeConfig(services.access());
        if (json) {
            Map<String, Object> root = toJson(status);
            root.put("upgradeSource", upgrade.systemUri().orElse(null));
            // The tray inspects a configured URL with --allow-unverified only when the administrator allowed it.
            root.put("upgradeAllowUnverified", upgrade.allowUnverified().orElse(false));
            out.println(new ObjectMapper().writeValueAsString(root));
        } else {
            printText(status, out);
        }
        out.flush();
        return 0;
    }

    /** config.yaml's upgrade: section; a broken config file must not hide the status, so it only costs these fields. */
    private UpgradeConfig upgradeConfig(dev.cos.installer.access.CallerAccess access) {
        try {
            return config.load(access).upgrade();
        } catch (dev.cos.installer.error.InstallerException e) {
            org.slf4j.LoggerFactory.getLogger(StatusCommand.class).warn("config not read: {}", e.getMessage());
            return UpgradeConfig.EMPTY;
        }
    }

    /** The JSON shape of docs/upgrade.md: absent values are null there, for scripts. */
    static Map<String, Object> toJson(SystemStatus status) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("booted", status.booted());
        root.put("date", status.date());
        Map<String, Object> images = new LinkedHashMap<>();
        for (SystemStatus.Image image : status.images()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("file", image.file());
            node.put("present", image.present());
            node.put("version", image.version().orElse(null));
            node.put("prettyName", image.prettyName().orElse(null));
            node.put("source", image.source());
            node.put("digest", image.digest());
            node.put("sourceBytes", image.sourceBytes());
            node.put("fs", image.fs());
            node.put("imageBytes", image.imageBytes());
            images.put(image.slot(), node);
        }
        root.put("images", images);
        root.put("freeBytes", status.freeBytes());
        root.put("nextUpgradeBytes", status.nextUpgradeBytes());
        root.put("nextUpgradeFits", status.nextUpgradeFits());
        root.put("grubenv", status.grubenv());
        root.put("bootNotes", status.bootNotes());
        root.put("fallback", status.fallback().map(StatusCommand::fallbackJson).orElse(null));
        root.put("skippedSlots", status.skippedSlots());
        root.put("restart", status.restart().map(r -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("installed", slotSummary(r.installed()));
            node.put("running", r.running().map(StatusCommand::slotSummary).orElse(null));
            node.put("sentence", r.sentence());
            return node;
        }).orElse(null));
        root.put("rehearsal", status.rehearsal().map(r -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("requestedAt", r.requestedAt().isEmpty() ? null : r.requestedAt());
            node.put("result", r.result());
            node.put("reason", r.reason());
            return node;
        }).orElse(null));
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEvent event : status.history()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("time", event.time().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            node.put("kind", event.kind());
            node.putAll(event.detail());
            history.add(node);
        }
        root.put("history", history);
        return root;
    }

    /**
     * {@code {"to":"passive|recovery","failed":{first failed},"failedSlots":[{...}, ...],"running":{...}}}:
     * {@code failed} stays the first failed image (active), as before fallbacks to recovery were told.
     */
    static Map<String, Object> fallbackJson(dev.cos.installer.status.Fallback fallback) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("to", fallback.to());
        node.put("failed", slotSummary(fallback.firstFailed()));
        node.put("failedSlots", fallback.failed().stream().map(StatusCommand::slotSummary).toList());
        node.put("running", slotSummary(fallback.running()));
        return node;
    }

    private static Map<String, Object> slotSummary(SystemStatus.Image image) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("slot", image.slot());
        node.put("version", image.version().orElse(null));
        node.put("source", image.source());
        node.put("digest", image.digest());
        return node;
    }

    private static void printText(SystemStatus status, PrintWriter out) {
        out.printf("%-11s %s%n", "booted:", status.booted());
        out.printf("%-11s %s%n", "updated:", status.date());
        for (SystemStatus.Image image : status.images()) {
            out.printf("%-11s %s%n", image.slot() + ":", image.present()
                    ? image.prettyName().or(image::version).orElse("unknown version") + " (" + image.file() + ")"
                    : "missing (" + image.file() + ")");
            out.printf("%-11s source %s, %s%n", "", image.source().isEmpty() ? "unknown" : image.source(),
                    image.digest().isEmpty() ? "no digest" : image.digest());
        }
        status.freeBytes().forEach((label, bytes) -> out.printf("%-11s %s on %s%n", "free:", ByteSize.ofBytes(bytes).human(), label));
        out.printf("%-11s %s (needs %s on COS_STATE for the transition image)%n", "upgrade:",
                status.nextUpgradeFits() ? "fits" : "does NOT fit", ByteSize.ofBytes(status.nextUpgradeBytes()).human());
        List<String> notes = status.bootNotes();
        out.printf("%-11s %s%n", "boot:", notes.isEmpty() ? "no pending attempts" : String.join("; ", notes));
        status.fallback().ifPresent(f -> out.printf("%-11s %s%n", "FALLBACK:", f.sentence()));
        status.restart().ifPresent(r -> out.printf("%-11s %s%n", "RESTART:", r.sentence()));
        status.rehearsal().ifPresent(r -> out.printf("%-11s %s (%s) requested %s%n", "rehearsal:", r.result(), r.reason(),
                r.requestedAt()));
        for (HistoryEvent event : status.history()) {
            out.printf("%-11s %s %s %s%n", "history:", event.time(), event.kind(), event.detail());
        }
    }
}
