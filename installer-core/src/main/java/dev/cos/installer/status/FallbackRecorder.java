package dev.cos.installer.status;

import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.tools.GrubEnvBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records an automatic fallback in the history once: the read-write verbs (upgrade, rollback,
 * repair, bootentry) call it on the running system; {@code status} only reports a fallback and
 * never writes. "Once" means once per state.yaml date: the same pair of images falling back again
 * before anything changed them is the same fallback (to the same slot).
 */
public final class FallbackRecorder {

    private FallbackRecorder() {
    }

    /** Appends the fallback event when the running system is one and it is not in the history yet. */
    public static void recordIfNew(OpenedSystem system, OffsetDateTime now) {
        if (!system.online()) {
            return;  // an offline --as-booted passive is what the caller acts as, not what happened
        }
        Path state = system.mount(PartitionRole.STATE);
        Map<String, String> grubenv;
        try {
            grubenv = GrubEnvBlock.parse(Files.readAllBytes(system.mount(PartitionRole.OEM).resolve("grubenv")));
        } catch (IOException | IllegalArgumentException e) {
            grubenv = Map.of();
        }
        event(system.booted(), Files.isRegularFile(system.stateImages().resolve(Slot.ACTIVE.stateImageName())), grubenv,
                system.state(), HistoryLog.read(state), now).ifPresent(event -> HistoryLog.append(state, event));
    }

    /**
     * The event to record, if any. Pure. Detail: {@code failed} (active, or "active,passive" for a
     * fallback to recovery), {@code failedSource}/{@code failedDigest} (active's), for a fallback to
     * recovery also {@code passiveSource}/{@code passiveDigest}, {@code running} with its source and
     * digest, {@code stateDate}.
     */
    public static Optional<HistoryEvent> event(Optional<Slot> booted, boolean activePresent, Map<String, String> grubenv,
                                               InstallState state, List<HistoryEvent> history, OffsetDateTime now) {
        Optional<Fallback> fallback = Fallback.detect(booted, List.of(image("active", activePresent),
                image("passive", true), image("recovery", true)), grubenv);
        if (fallback.isEmpty()) {
            return Optional.empty();
        }
        String running = fallback.get().to();
        String stateDate = state.date().toString();
        if (history.stream().anyMatch(e -> e.kind().equals("fallback") && stateDate.equals(e.detail().get("stateDate"))
                && running.equals(e.detail().get("running")))) {
            return Optional.empty();
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("failed", String.join(",", fallback.get().failed().stream().map(SystemStatus.Image::slot).toList()));
        detail.put("failedSource", state.active().source());
        detail.put("failedDigest", state.active().digest());
        ImageRecord runningImage = running.equals("recovery") ? state.recovery() : state.passive();
        if (running.equals("recovery")) {
            detail.put("passiveSource", state.passive().source());
            detail.put("passiveDigest", state.passive().digest());
        }
        detail.put("running", running);
        detail.put("runningSource", runningImage.source());
        detail.put("runningDigest", runningImage.digest());
        detail.put("stateDate", stateDate);
        return Optional.of(new HistoryEvent(now, "fallback", detail));
    }

    private static SystemStatus.Image image(String slot, boolean present) {
        return new SystemStatus.Image(slot, "", present, Optional.empty(), Optional.empty(), "", "", 0, "ext2", 0);
    }
}
