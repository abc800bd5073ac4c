package dev.cos.installer.cli;

import dev.cos.installer.api.Json;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.config.UpgradeConfig;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.service.StatusService;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.status.SystemStatus;
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

/** {@code cos-installer status}: booted slot, image versions, free space and boot assessment. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the booted slot, each image's version and source, free space and the boot-assessment state.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Mixin
    ConfigOption config;

    @Mixin
    AnswerOutput output;

    @Mixin
    EngineWiring wiring;

    @Override
    public Integer call() throws Exception {
        Wiring parts = wiring.get();
        SystemStatus status = new StatusService(parts).status(system.location(false));
        UpgradeConfig upgrade = upgradeConfig(parts);
        // The tray inspects a configured URL with --allow-unverified only when the administrator allowed it.
        output.print(() -> Json.line(toJson(status, upgrade.systemUri(), upgrade.allowUnverified().orElse(false))),
                out -> printText(status, out));
        return 0;
    }

    /** config.yaml's upgrade: section; a broken config file must not hide the status, so it only costs these fields. */
    private UpgradeConfig upgradeConfig(Wiring parts) {
        try {
            return config.load(parts).upgrade();
        } catch (dev.cos.installer.error.InstallerException e) {
            org.slf4j.LoggerFactory.getLogger(StatusCommand.class).warn("config not read: {}", e.getMessage());
            return UpgradeConfig.EMPTY;
        }
    }

    /** The engine's status as the contract's answer (docs/upgrade.md). */
    static StatusAnswer toJson(SystemStatus status, Optional<String> upgradeSource, boolean upgradeAllowUnverified) {
        Map<String, StatusAnswer.Image> images = new LinkedHashMap<>();
        for (SystemStatus.Image image : status.images()) {
            images.put(image.slot(), new StatusAnswer.Image(image.slot(), image.file(), image.present(),
                    image.version().orElse(""), image.prettyName().orElse(""), image.source(), image.digest(),
                    image.sourceBytes(), image.fs(), image.imageBytes(), image.tag().orElse("")));
        }
        List<StatusAnswer.HistoryEntry> history = new ArrayList<>();
        for (HistoryEvent event : status.history()) {
            history.add(new StatusAnswer.HistoryEntry(
                    event.time().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME), event.kind(), event.detail()));
        }
        return new StatusAnswer(status.booted(), status.date(), images, status.freeBytes(), status.nextUpgradeBytes(),
                status.nextUpgradeFits(), status.grubenv(), status.bootNotes(), status.fallback().map(StatusCommand::fallback),
                status.rehearsal().map(r -> new StatusAnswer.Rehearsal(r.requestedAt(), r.result(), r.reason())), history,
                upgradeSource, upgradeAllowUnverified, status.skippedSlots(),
                status.restart().map(r -> new StatusAnswer.Restart(slot(r.installed()), r.running().map(StatusCommand::slot),
                        r.sentence())));
    }

    /** {@code failed} stays the first failed image (active), as before fallbacks to recovery were told. */
    static StatusAnswer.Fallback fallback(dev.cos.installer.status.Fallback fallback) {
        return new StatusAnswer.Fallback(fallback.to(), slot(fallback.firstFailed()),
                fallback.failed().stream().map(StatusCommand::slot).toList(), slot(fallback.running()));
    }

    private static StatusAnswer.Slot slot(SystemStatus.Image image) {
        return new StatusAnswer.Slot(image.slot(), image.version().orElse(""), image.source(), image.digest());
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
