package dev.cos.installer.app.recovery;

import dev.cos.installer.app.EngineWords;
import dev.cos.installer.api.RepairCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The data impact of an action, shown before it runs: what it keeps and what it changes or erases
 * (sentences from {@code repair --describe}). {@link #erases()} is true when a change loses data
 * (erases, removes, "are lost"): the confirmation then says so and starts on Cancel.
 */
public record Impact(String title, List<String> keeps, List<String> changes) {

    public Impact {
        keeps = List.copyOf(keeps);
        changes = List.copyOf(changes);
    }

    public boolean erases() {
        // "moved to lost+found" keeps the data; "are lost", "erases" and "removed" do not.
        return changes.stream().anyMatch(c -> c.startsWith("erases") || c.contains("removed")
                || c.replace("lost+found", "").contains(" lost"));
    }

    static Impact of(RepairCatalog.Action action) {
        return new Impact(EngineWords.text(action.code(), action.args(), action.title()), action.keeps(), action.changes());
    }

    /**
     * The impact of an engine action with its options: a reset with both extra erasures keeps what
     * both variants keep and changes what either changes.
     */
    static Optional<Impact> of(RepairCatalog catalog, RecoveryAction action, boolean fsckYesFix, boolean resetPersistent,
            boolean resetOem) {
        return switch (action) {
            case FSCK -> catalog.action(fsckYesFix ? "fsck-yes" : "fsck").map(Impact::of);
            case BOOTLOADER -> catalog.action("bootloader").map(Impact::of);
            case GRUB_ENV -> catalog.action("grub-env").map(Impact::of);
            case ROLLBACK -> catalog.action("rollback").map(Impact::of);
            case ROLLBACK_SWAP -> catalog.action("rollback-swap").map(Impact::of);
            case RESET -> reset(catalog, resetPersistent, resetOem);
            case SAVE_BUNDLE, REBOOT -> Optional.empty();
        };
    }

    private static Optional<Impact> reset(RepairCatalog catalog, boolean persistent, boolean oem) {
        if (!persistent && !oem) {
            return catalog.action("reset").map(Impact::of);
        }
        if (persistent != oem) {
            return catalog.action(persistent ? "reset-persistent" : "reset-oem").map(Impact::of);
        }
        Optional<RepairCatalog.Action> p = catalog.action("reset-persistent");
        Optional<RepairCatalog.Action> o = catalog.action("reset-oem");
        if (p.isEmpty() || o.isEmpty()) {
            return Optional.empty();
        }
        List<String> keeps = new ArrayList<>(p.get().keeps());
        keeps.retainAll(o.get().keeps());
        LinkedHashSet<String> changes = new LinkedHashSet<>(p.get().changes());
        changes.addAll(o.get().changes());
        return Optional.of(new Impact(dev.cos.installer.app.Messages.get("recovery.impact.reset-both"), keeps,
                List.copyOf(changes)));
    }
}
