package dev.cos.installer.app.tray;

import dev.cos.installer.app.Messages;
import dev.cos.installer.api.StatusAnswer;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Plain-language texts about a {@link StatusAnswer}: pure functions, so tests read what a person reads. */
public final class StatusTexts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private StatusTexts() {}

    /** "2026-11-26 04:28" in {@code zone}, or the text as it is when it is no ISO time. */
    public static String date(String iso, ZoneId zone) {
        if (iso.isBlank()) {
            return "";
        }
        try {
            return DATE.format(OffsetDateTime.parse(iso).atZoneSameInstant(zone));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** Whether reading {@code source} means downloading it (an http or https URL): never done just to look. */
    public static boolean isDownload(String source) {
        String lower = source.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** "Downloading 12 of 300 MiB" for a download step's bytes; "Downloading 12 MiB" when the total is unknown. */
    public static String downloaded(long bytesDone, long bytesTotal) {
        long mib = 1024 * 1024;
        return bytesTotal > 0 ? Messages.get("tray.upgrade.downloading", bytesDone / mib, bytesTotal / mib)
                : Messages.get("tray.upgrade.downloading-unknown", bytesDone / mib);
    }

    /** "2.0" or "unknown version". */
    public static String version(String version) {
        return version.isBlank() ? Messages.get("tray.version.unknown") : version;
    }

    /** "version 1.0", or "an unknown version". */
    static String versionPhrase(String version) {
        return version.isBlank() ? Messages.get("tray.version.phrase-unknown") : Messages.get("tray.version.phrase", version);
    }

    /** "the system (active)", "the previous system (passive)", "recovery", "none (offline)". */
    public static String slotName(String slot) {
        return switch (slot) {
            case "active", "passive", "recovery", "offline" -> Messages.get("tray.slot." + slot);
            default -> slot;
        };
    }

    /**
     * When the image in {@code image} was written: the latest history line that put its digest there,
     * else state.yaml's date.
     */
    public static String imageDate(StatusAnswer status, StatusAnswer.Image image, ZoneId zone) {
        String time = "";
        for (StatusAnswer.HistoryEntry entry : status.history()) {
            boolean wrote = switch (entry.kind()) {
                // An install writes all three images from one source.
                case "install" -> entry.detail("digest").equals(image.digest());
                case "upgrade", "reset" -> !image.slot().equals("recovery")
                        && entry.detail("digest").equals(image.digest());
                case "recovery-upgrade" -> image.slot().equals("recovery") && entry.detail("digest").equals(image.digest());
                case "rollback" -> entry.detail(image.slot() + "Digest").equals(image.digest());
                default -> false;
            };
            if (wrote) {
                time = entry.time();
            }
        }
        return date(time.isBlank() ? status.date() : time, zone);
    }

    /** "The computer started the system (active)." */
    public static String booted(StatusAnswer status) {
        return Messages.get("tray.booted", slotName(status.booted()));
    }

    /** "COS_STATE: 847 MiB free; the next upgrade needs 270 MiB and fits." (or "does not fit: free ...") */
    public static String space(StatusAnswer status) {
        long freeMiB = status.stateFreeBytes() >> 20;
        long needMiB = (status.nextUpgradeBytes() + (1 << 20) - 1) >> 20;
        return Messages.get(status.nextUpgradeFits() ? "tray.space.fits" : "tray.space.no-fit", freeMiB, needMiB);
    }

    /**
     * "Version 2.0 failed to start, so your computer is running the previous version 1.0.", and when
     * GRUB marked active failed: "It starts version 1.0 until you try the update again, keep this
     * version or install another update."
     */
    public static Optional<String> fallbackNotice(StatusAnswer status) {
        return status.fallback().map(f -> f.toRecovery() || !status.skippedSlots().contains("active") ? fallbackSentence(status)
                : fallbackSentence(status) + " " + Messages.get("tray.fallback.skipped", version(f.running().version())));
    }

    private static String fallbackSentence(StatusAnswer status) {
        return status.fallback().map(f -> f.toRecovery()
                ? Messages.get("tray.fallback.recovery-notice", versionPhrase(f.failedSlots().get(0).version()),
                        versionPhrase(f.failedSlots().size() > 1 ? f.failedSlots().get(1).version() : ""))
                : f.failed().version().equals(f.running().version())
                ? Messages.get("tray.fallback.notice-same", version(f.running().version()))
                : Messages.get("tray.fallback.notice", version(f.failed().version()), version(f.running().version())))
                .orElse("");
    }

    /** "cOS: restart needed: 2.0 installed, 1.0 running", from what status read on the disk. */
    public static String restartTooltip(StatusAnswer.Restart restart) {
        return Messages.get("tray.tooltip.restart", version(restart.installed().version()),
                restart.running().map(r -> version(r.version())).orElse(Messages.get("tray.version.unknown")));
    }

    /** The last rollback rehearsal's result for a person, when one was requested. */
    public static Optional<String> rehearsal(StatusAnswer status, ZoneId zone) {
        return status.rehearsal().map(r -> {
            String when = date(r.requestedAt(), zone);
            String key = switch (r.result()) {
                case "pending", "passed", "failed" -> "tray.rehearsal." + r.result();
                default -> "tray.rehearsal.other";
            };
            return Messages.get(key, when, r.reason(), version(status.image("passive")
                    .map(StatusAnswer.Image::version).orElse("")));
        });
    }

    /** One line per history entry, newest first: "2026-11-26 04:28  Upgraded to 2.0 (was ...)". */
    public static List<String> history(StatusAnswer status, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        for (StatusAnswer.HistoryEntry entry : status.history()) {
            lines.add(0, date(entry.time(), zone) + "  " + historyText(entry));
        }
        return lines;
    }

    static String historyText(StatusAnswer.HistoryEntry e) {
        return switch (e.kind()) {
            case "install" -> Messages.get("tray.history.install", version(e.detail("version")));
            case "upgrade" -> Messages.get("tray.history.upgrade", version(e.detail("version")));
            case "recovery-upgrade" -> Messages.get("tray.history.recovery-upgrade", version(e.detail("version")));
            case "reset" -> Messages.get("tray.history.reset", version(e.detail("version")));
            case "rollback" -> Messages.get("tray.history.rollback");
            case "repair" -> Messages.get("tray.history.repair", e.detail("actions"));
            case "rehearsal-requested" -> Messages.get("tray.history.rehearsal");
            case "fallback" -> Messages.get("tray.history.fallback", String.join(Messages.get("tray.history.and"),
                    java.util.Arrays.stream(e.detail("failed").split(",")).map(StatusTexts::slotName).toList()),
                    slotName(e.detail("running")));
            default -> e.kind();
        };
    }

    /** The tooltip of the tray icon. */
    public static String tooltip(TrayState state, int percent, String activeVersion, String newVersion) {
        return switch (state) {
            case UNKNOWN -> Messages.get("tray.tooltip.unknown");
            case UPGRADING -> Messages.get("tray.tooltip.upgrading", percent);
            case RESTART_NEEDED -> Messages.get("tray.tooltip.restart", version(newVersion), version(activeVersion));
            case FALLBACK -> Messages.get("tray.tooltip.fallback", version(activeVersion));
            case UPDATE_AVAILABLE -> Messages.get("tray.tooltip.update", version(newVersion), version(activeVersion));
            case UP_TO_DATE -> Messages.get("tray.tooltip.ok", version(activeVersion));
        };
    }
}
