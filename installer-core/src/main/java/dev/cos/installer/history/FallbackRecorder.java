package dev.cos.installer.history;

import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.status.Fallback;
import dev.cos.installer.status.SystemStatus;
import dev.cos.installer.system.OpenedSystem;
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
 * before anything changed them is the same fallback.
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

    /** The event to record, if any. Pure. */
    public static Optional<HistoryEvent> event(Optional<Slot> booted, boolean activePresent, Map<String, String> grubenv,
                                               InstallState state, List<HistoryEvent> history, OffsetDateTime now) {
        SystemStatus.Image active = image("active", activePresent);
        if (Fallback.detect(booted, active, image("passive", true), grubenv).isEmpty()) {
            return Optional.empty();
        }
        String stateDate = state.date().toString();
        if (history.stream().anyMatch(e -> e.kind().equals("fallback") && stateDate.equals(e.detail().get("stateDate")))) {
            return Optional.empty();
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("failed", "active");
        detail.put("failedSource", state.active().source());
        detail.put("failedDigest", state.active().digest());
        detail.put("running", "passive");
        detail.put("runningSource", state.passive().source());
        detail.put("runningDigest", state.passive().digest());
        detail.put("stateDate", stateDate);
        return Optional.of(new HistoryEvent(now, "fallback", detail));
    }

    private static SystemStatus.Image image(String slot, boolean present) {
        return new SystemStatus.Image(slot, "", present, Optional.empty(), Optional.empty(), "", "", 0, "ext2", 0);
    }
}
