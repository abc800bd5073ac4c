package dev.cos.installer.app.recovery;

import java.util.Optional;

/**
 * What the recovery screen offers, in the order it shows them. {@code findingAction} is the name the
 * engine's diagnosis uses for a finding this action fixes (docs/repair.md), empty when none does.
 */
public enum RecoveryAction {
    FSCK("fsck", "fsck"),
    BOOTLOADER("bootloader", "bootloader"),
    GRUB_ENV("grub-env", "grub-env"),
    ROLLBACK("rollback", "rollback"),
    ROLLBACK_SWAP("rollback-swap", ""),
    RESET("reset", "reset"),
    SAVE_BUNDLE("save-bundle", ""),
    REBOOT("reboot", "");

    private final String key;
    private final String findingAction;

    RecoveryAction(String key, String findingAction) {
        this.key = key;
        this.findingAction = findingAction;
    }

    /** The suffix of this action's message keys ({@code recovery.action.<key>...}). */
    public String key() {
        return key;
    }

    /** The action a diagnosis finding names ("fsck", "grub-env", ...). */
    public static Optional<RecoveryAction> forFinding(String action) {
        for (RecoveryAction candidate : values()) {
            if (!candidate.findingAction.isEmpty() && candidate.findingAction.equals(action)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** True for the actions that run the engine and change the disk. */
    public boolean changesDisk() {
        return this != SAVE_BUNDLE && this != REBOOT;
    }
}
