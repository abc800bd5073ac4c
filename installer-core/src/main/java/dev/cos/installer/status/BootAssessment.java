package dev.cos.installer.status;

import dev.cos.installer.model.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sentences on the boot-assessment state in COS_OEM:/grubenv (docs/boot.md). Pure. */
final class BootAssessment {

    private BootAssessment() {
    }

    static List<String> notes(Optional<Slot> booted, boolean activePresent, Map<String, String> grubenv) {
        List<String> notes = new ArrayList<>();
        for (String slot : List.of("active", "passive")) {
            String tries = grubenv.getOrDefault("cos_tries_" + slot, "");
            if (!tries.isEmpty()) {
                notes.add(tries.length() + " boot attempt(s) of " + slot + " not yet confirmed (cos_tries_" + slot + "="
                        + tries + ")");
            }
        }
        for (String slot : skippedSlots(grubenv)) {
            String other = slot.equals("active") ? "passive" : "active";
            notes.add(slot + " failed to boot and is skipped (cos_failed_" + slot + "=yes): the next boots go to "
                    + (skippedSlots(grubenv).size() == 2 ? "recovery" : other) + " until an upgrade, 'rollback --swap'"
                    + " or 'bootentry --select " + slot + "' says otherwise");
        }
        String next = grubenv.getOrDefault("next_entry", "");
        if (!next.isEmpty()) {
            notes.add("the next boot (only) goes to '" + next + "' (next_entry)");
        }
        String saved = grubenv.getOrDefault("saved_entry", "");
        if (!saved.isEmpty()) {
            notes.add("saved_entry is '" + saved + "'");
        }
        if (booted.equals(Optional.of(Slot.PASSIVE)) && activePresent) {
            notes.add("last boot fell back from active: running passive while active.img exists");
        }
        String recoveryReason = grubenv.getOrDefault(Fallback.RECOVERY_REASON, "");
        if (booted.equals(Optional.of(Slot.RECOVERY)) && !recoveryReason.isEmpty()) {
            notes.add(recoveryReason.equals("fallback")
                    ? "last boot fell back to recovery: neither active nor passive could boot (" + Fallback.RECOVERY_REASON
                            + "=fallback)"
                    : "recovery was chosen for this boot (" + Fallback.RECOVERY_REASON + "=" + recoveryReason + ")");
        }
        return notes;
    }

    /** The slots GRUB marked failed ({@code cos_failed_<slot>=yes}) and skips, active first. */
    static List<String> skippedSlots(Map<String, String> grubenv) {
        return List.of(Slot.ACTIVE, Slot.PASSIVE).stream()
                .filter(slot -> "yes".equals(grubenv.get(slot.failedMark()))).map(Slot::cliName).toList();
    }
}
