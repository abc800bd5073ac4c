package dev.cos.installer.upgrade;

import dev.cos.installer.model.Slot;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import java.time.OffsetDateTime;
import java.util.Optional;

/** What state.yaml says after each point of an upgrade, so it always describes the images on disk. Pure. */
final class UpgradeStates {

    private UpgradeStates() {
    }

    /** The record of an image built from {@code facts}. */
    static ImageRecord record(SourceFacts facts, Optional<String> label, String fs) {
        return facts.imageRecord(label, fs);
    }

    /** After active.img became passive.img: passive is described by the old active's record. */
    static InstallState activeMovedToPassive(InstallState old, OffsetDateTime now) {
        ImageRecord moved = relabel(old.active(), "COS_PASSIVE");
        return new InstallState(now, old.stateLabel(), old.active(), moved, old.recoveryLabel(), old.recovery(),
                old.otherPartitionLabels());
    }

    /** After transition.img became active.img. */
    static InstallState newActive(InstallState current, ImageRecord active, OffsetDateTime now) {
        return new InstallState(now, current.stateLabel(), active, current.passive(), current.recoveryLabel(),
                current.recovery(), current.otherPartitionLabels());
    }

    /** After the recovery transition replaced the recovery image. */
    static InstallState newRecovery(InstallState current, ImageRecord recovery, OffsetDateTime now) {
        return new InstallState(now, current.stateLabel(), current.active(), current.passive(), current.recoveryLabel(),
                recovery, current.otherPartitionLabels());
    }

    /** Whether the swap moves active to passive: only when booted from active (spec section 4). */
    static boolean movesActiveToPassive(Slot booted) {
        return booted == Slot.ACTIVE;
    }

    private static ImageRecord relabel(ImageRecord record, String label) {
        return record.as(Optional.of(label), record.fs());
    }
}
