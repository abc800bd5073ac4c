package dev.cos.installer.history;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the history (docs/repair.md): when, what kind, and the kind's details.
 *
 * @param kind install, upgrade, recovery-upgrade, reset, rollback, fallback, rehearsal-requested, repair
 * @param detail string values only (versions, sources, digests, slots), in insertion order
 */
public record HistoryEvent(OffsetDateTime time, String kind, Map<String, String> detail) {

    public HistoryEvent {
        detail = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
