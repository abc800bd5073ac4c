package dev.cos.installer.status;

import java.util.Map;
import java.util.Optional;

/**
 * The last rollback rehearsal ({@code bootentry --select passive --once --rehearsal}), read from the
 * variables COS_OEM:/grubenv holds (docs/repair.md): {@value #VARIABLE} is {@code pending} when
 * requested, GRUB turns it into {@code booting} when it boots passive for it (or {@code failed} when
 * passive was not readable), and the booted passive system turns {@code booting} into
 * {@code passed} once it is up. Pure.
 *
 * @param requestedAt RFC 3339 time of the request, empty when unknown
 * @param result pending, passed or failed
 * @param reason a sentence for people: what happened
 */
public record Rehearsal(String requestedAt, String result, String reason) {

    public static final String VARIABLE = "cos_rehearsal";
    public static final String REQUESTED_AT = "cos_rehearsal_at";

    /** The rehearsal the grubenv variables describe; empty when none was requested. */
    public static Optional<Rehearsal> read(Map<String, String> grubenv) {
        String value = grubenv.getOrDefault(VARIABLE, "");
        String at = grubenv.getOrDefault(REQUESTED_AT, "");
        return switch (value) {
            case "" -> Optional.empty();
            case "pending" -> Optional.of("fallback".equals(grubenv.get("next_entry"))
                    ? new Rehearsal(at, "pending", "passive boots at the next start, once; then active again")
                    : new Rehearsal(at, "failed", "the rehearsal boot did not happen: next_entry was changed or used"
                            + " by a GRUB that does not know rehearsals (reinstall the bootloader: repair --bootloader)"));
            case "booting" -> Optional.of(new Rehearsal(at, "failed", "GRUB started passive, but the passive system"
                    + " never confirmed that it came up"));
            case "failed" -> Optional.of(new Rehearsal(at, "failed", "GRUB could not boot passive: passive.img is"
                    + " missing or unreadable"));
            case "passed" -> Optional.of(new Rehearsal(at, "passed", "passive booted and confirmed that it came up"));
            default -> Optional.of(new Rehearsal(at, "failed", "unknown rehearsal state '" + value + "' in COS_OEM:/grubenv"));
        };
    }

    /** Whether the passive system that runs now may be the rehearsal boot itself, not a fallback. */
    static boolean mayBeRunning(Map<String, String> grubenv) {
        String value = grubenv.getOrDefault(VARIABLE, "");
        return value.equals("booting") || value.equals("passed");
    }
}
