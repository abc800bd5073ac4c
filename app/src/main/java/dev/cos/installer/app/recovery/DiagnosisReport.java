package dev.cos.installer.app.recovery;

import dev.cos.installer.app.EngineWords;
import dev.cos.installer.app.Messages;
import dev.cos.installer.api.DiagnoseAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A diagnosis as the screen shows it: a headline, then rows grouped in sections (boot, filesystems,
 * system images, bootloader files, free space), and the actions its findings recommend. Pure.
 */
public record DiagnosisReport(String headline, Status overall, List<Row> rows, Set<RecoveryAction> recommended) {

    public enum Status { OK, WARNING, ERROR }

    /** One line: {@code section} groups rows; {@code detail} is the checker's output or the problem, may be empty. */
    public record Row(String section, String subject, String result, Status status, String detail) {}

    public DiagnosisReport {
        rows = List.copyOf(rows);
        recommended = Set.copyOf(recommended);
    }

    public static DiagnosisReport of(DiagnoseAnswer d) {
        return of(d, java.util.Map.of());
    }

    /** As {@link #of(DiagnoseAnswer)}, each image row also naming where its system came from ({@code sources} by slot). */
    public static DiagnosisReport of(DiagnoseAnswer d, java.util.Map<String, dev.cos.installer.app.widgets.SlotSource> sources) {
        List<Row> rows = new ArrayList<>();
        String boot = Messages.get("recovery.section.boot");
        if (d.boot().fallback().toRecovery()) {
            rows.add(new Row(boot, Messages.get("recovery.boot.fallback-recovery.subject"), fallbackToRecovery(d.boot()),
                    Status.ERROR, d.boot().how()));
        } else if (!d.boot().failedSlot().isEmpty()) {
            rows.add(new Row(boot, Messages.get("recovery.boot.failed", d.boot().failedSlot()), d.boot().how(), Status.ERROR, ""));
        } else {
            rows.add(new Row(boot, Messages.get("recovery.boot.booted", d.booted()), Messages.get("recovery.boot.no-failure"),
                    Status.OK, ""));
        }
        d.boot().notes().forEach(note -> rows.add(new Row(boot, Messages.get("recovery.boot.note"), note, Status.WARNING, "")));
        String fs = Messages.get("recovery.section.filesystems");
        for (DiagnoseAnswer.PartitionCheck p : d.partitions()) {
            Status status = p.clean() ? Status.OK : "not-checked".equals(p.result()) ? Status.WARNING : Status.ERROR;
            String result = Messages.get("recovery.fs." + (List.of("clean", "repaired", "errors", "failed", "not-checked")
                    .contains(p.result()) ? p.result() : "failed"));
            String note = p.note().isEmpty() ? "" : p.note() + "\n";
            rows.add(new Row(fs, p.label() + " (" + p.fs() + ")", result, status,
                    status == Status.OK ? note.strip() : note + String.join("\n", p.output())));
        }
        String images = Messages.get("recovery.section.images");
        for (DiagnoseAnswer.ImageCheck i : d.images()) {
            Status status = i.clean() ? Status.OK : Status.ERROR;
            String result = !i.present() ? Messages.get("recovery.image.missing")
                    : !i.readable() ? Messages.get("recovery.image.unreadable")
                    : i.clean() ? Messages.get("recovery.image.clean") : Messages.get("recovery.image.errors");
            String from = java.util.Optional.ofNullable(sources.get(i.slot())).map(s -> s.line()).orElse("");
            if (i.present() && !from.isEmpty()) {
                result = Messages.get("recovery.image.from", result, from);
            }
            rows.add(new Row(images, Messages.get("recovery.image.slot", i.slot()), result, status,
                    status == Status.OK ? i.file() : i.file() + "\n" + String.join("\n", i.output())));
        }
        if (d.images().isEmpty()) {
            rows.add(new Row(images, Messages.get("recovery.image.all"), Messages.get("recovery.not-checked"), Status.WARNING, ""));
        }
        String files = Messages.get("recovery.section.files");
        List<DiagnoseAnswer.FileCheck> all = new ArrayList<>(d.bootFiles());
        all.addAll(d.envFiles());
        all.addAll(d.stateFiles());
        for (DiagnoseAnswer.FileCheck f : all) {
            Status status = f.ok() ? Status.OK : Status.ERROR;
            String result = f.ok() ? Messages.get("recovery.file.ok")
                    : !f.present() ? Messages.get("recovery.file.missing") : f.problem();
            rows.add(new Row(files, f.file(), result, status, f.ok() || !f.present() ? "" : f.problem()));
        }
        if (all.isEmpty()) {
            rows.add(new Row(files, Messages.get("recovery.file.all"), Messages.get("recovery.not-checked"), Status.WARNING, ""));
        }
        String space = Messages.get("recovery.section.space");
        for (Map.Entry<String, Long> free : new TreeMap<>(d.freeBytes()).entrySet()) {
            rows.add(new Row(space, free.getKey(), Messages.get("recovery.space.free", mib(free.getValue())), Status.OK, ""));
        }
        Set<RecoveryAction> recommended = new TreeSet<>();
        d.findings().forEach(f -> RecoveryAction.forFinding(f.action()).ifPresent(recommended::add));
        long errors = d.findings().stream().filter(DiagnoseAnswer.Finding::error).count();
        long warnings = d.findings().size() - errors;
        Status overall = errors > 0 || !d.healthy() ? Status.ERROR : warnings > 0 ? Status.WARNING : Status.OK;
        String headline = switch (overall) {
            case OK -> Messages.get("recovery.headline.healthy");
            // "the system should still start" is not true after a fallback to recovery.
            case WARNING -> d.boot().fallback().toRecovery() ? Messages.get("recovery.headline.fallback-recovery")
                    : Messages.get("recovery.headline.warnings", warnings);
            case ERROR -> Messages.get("recovery.headline.errors", Math.max(errors, 1));
        };
        return new DiagnosisReport(headline, overall, rows, recommended);
    }

    /**
     * "Neither system could start: version 2.0 (active) and version 1.0 (passive) failed to boot; you
     * are in recovery." for a fallback to recovery.
     */
    static String fallbackToRecovery(DiagnoseAnswer.Boot boot) {
        List<String> versions = boot.fallback().failed().stream().map(DiagnosisReport::version).toList();
        return Messages.get("recovery.boot.fallback-recovery", versions.isEmpty() ? version(new DiagnoseAnswer.SlotVersion("", ""))
                : versions.get(0), versions.size() > 1 ? versions.get(1) : version(new DiagnoseAnswer.SlotVersion("", "")));
    }

    private static String version(DiagnoseAnswer.SlotVersion slot) {
        return slot.version().isBlank() ? Messages.get("recovery.boot.version-unknown")
                : Messages.get("recovery.boot.version", slot.version());
    }

    /** Findings as sentences, errors first: what the screen lists under the headline ({@link #text}). */
    public static List<String> findings(DiagnoseAnswer d) {
        List<String> out = new ArrayList<>();
        d.findings().stream().filter(DiagnoseAnswer.Finding::error).forEach(f -> out.add(text(d, f)));
        d.findings().stream().filter(f -> !f.error()).forEach(f -> out.add(text(d, f)));
        return out;
    }

    /**
     * A finding for a person: the engine's finding in the GUI's language (EngineWords), except a
     * fallback to recovery, which is said in plain words.
     */
    public static String text(DiagnoseAnswer d, DiagnoseAnswer.Finding finding) {
        return d.boot().fallback().toRecovery() && finding.message().equals(d.boot().how())
                ? fallbackToRecovery(d.boot()) : EngineWords.text(finding.code(), finding.args(), finding.message());
    }

    static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : (bytes >> 20) + " MiB";
    }
}
