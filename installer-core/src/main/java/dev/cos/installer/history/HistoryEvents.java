package dev.cos.installer.history;

import dev.cos.installer.source.OsRelease;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.state.ImageRecord;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The history events the verbs write, in one place so their fields stay alike. Pure. */
public final class HistoryEvents {

    private HistoryEvents() {
    }

    /** install / reset: the system deployed. */
    public static HistoryEvent deployed(String kind, OffsetDateTime time, SourceFacts facts) {
        Map<String, String> detail = new LinkedHashMap<>();
        source(detail, facts);
        facts.osRelease().flatMap(OsRelease::versionId).ifPresent(v -> detail.put("version", v));
        return new HistoryEvent(time, kind, detail);
    }

    /**
     * upgrade / recovery-upgrade: from the record replaced to the new source.
     *
     * @param passive a system upgrade: {@code kept} (active was replaced, passive.img stayed: the
     *     running system, or the last known good when active never booted) or {@code previous-active}
     */
    public static HistoryEvent upgraded(String kind, OffsetDateTime time, ImageRecord from, SourceFacts to, String booted,
                                        Optional<String> passive) {
        Map<String, String> detail = new LinkedHashMap<>();
        source(detail, to);
        to.osRelease().flatMap(OsRelease::versionId).ifPresent(v -> detail.put("version", v));
        detail.put("fromSource", from.source());
        detail.put("fromDigest", from.digest());
        detail.put("booted", booted);
        passive.ifPresent(p -> detail.put("passive", p));
        return new HistoryEvent(time, kind, detail);
    }

    /** The source, its digest and, for a container image, the tag the digest was resolved from. */
    private static void source(Map<String, String> detail, SourceFacts facts) {
        detail.put("source", facts.uri());
        detail.put("digest", "sha256:" + facts.sha256());
        facts.tag().ifPresent(tag -> detail.put("tag", tag));
    }
}
