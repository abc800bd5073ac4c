package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.repair.Diagnosis;
import dev.cos.installer.status.Fallback;
import dev.cos.installer.status.Rehearsal;
import dev.cos.installer.status.Restart;
import dev.cos.installer.status.SystemStatus;
import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engine facts whose JSON the contract tests pin (test resources contract/*.json were written from
 * them by the CLI as it was before the api package, and the CLI must keep writing exactly that).
 * Maps with more than one key are ordered (LinkedHashMap) where the engine's are.
 */
final class ContractSamples {

    private ContractSamples() {
    }

    static SystemStatus.Image image(String slot, String version) {
        return new SystemStatus.Image(slot, "COS_STATE:/cOS/" + slot + ".img", true, Optional.of(version),
                Optional.of("cOS " + version), "dir:///srv/" + slot, "sha256:" + slot, 1000, "ext2", 2048);
    }

    /** An image installed from a registry: recorded by digest, with the tag it came from. */
    static SystemStatus.Image pulledImage(String slot, String version) {
        return new SystemStatus.Image(slot, "COS_STATE:/cOS/" + slot + ".img", true, Optional.of(version),
                Optional.of("cOS " + version), "oci:registry.example.org/cos/system@sha256:" + slot, "sha256:" + slot, 1000,
                "ext2", 2048, Optional.of(version));
    }

    /** A status with every optional part present: a fallback, a restart, a rehearsal, history. */
    static SystemStatus fullStatus() {
        SystemStatus.Image active = pulledImage("active", "2.0");
        SystemStatus.Image passive = image("passive", "1.0");
        SystemStatus.Image recovery = new SystemStatus.Image("recovery", "COS_RECOVERY:/cOS/recovery.squashfs", false,
                Optional.empty(), Optional.empty(), "", "", 0, "squashfs", 0);
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("source", "dir:///srv/active");
        detail.put("version", "2.0");
        return new SystemStatus("passive", "2026-11-26T00:10:00Z", List.of(active, passive, recovery),
                Map.of("COS_STATE", 123456789L), 987654L, true, Map.of("saved_entry", "active"),
                List.of("active failed to boot"), Optional.of(new Fallback(List.of(active), passive)),
                Optional.of(new Rehearsal("", "passed", "passive booted and confirmed that it came up")),
                List.of(new HistoryEvent(OffsetDateTime.parse("2026-11-26T00:10:00Z"), "install", detail)),
                List.of("active"), Optional.of(new Restart(active, Optional.empty())));
    }

    /** A status with no optional part. */
    static SystemStatus plainStatus() {
        return new SystemStatus("active", "", List.of(image("active", "1.0")), Map.of(), 0, false, Map.of(), List.of(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    /** An image pulled from a registry: pinned from the tag 2.0, signature verified. */
    static dev.cos.installer.source.PinnedImage pinnedImage() {
        dev.cos.installer.source.oci.Digest index = new dev.cos.installer.source.oci.Digest("ab".repeat(32));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.version", "2.0");
        labels.put("org.opencontainers.image.title", "cOS demo");
        return new dev.cos.installer.source.PinnedImage(dev.cos.installer.source.ContainerSource
                .parse("oci:registry.example.org:5000/cos/system:2.0").pinned(index), index,
                new dev.cos.installer.source.oci.Digest("cd".repeat(32)), dev.cos.installer.source.oci.Platform.LINUX_AMD64,
                187651234L, Optional.of("2026-12-01T10:00:00Z"), labels, Optional.of("sha256:0123456789abcdef"));
    }

    static dev.cos.installer.source.SourceFacts pulledFacts() {
        return new dev.cos.installer.source.SourceFacts("dir:///tmp/tree", "ef".repeat(32), 5000,
                dev.cos.installer.model.ByteSize.ofBytes(900000000L), 12000, Optional.empty()).pulledFrom(pinnedImage());
    }

    static dev.cos.installer.source.OsRelease osRelease() {
        return dev.cos.installer.source.OsReleaseParser.parse("NAME=\"cOS demo\"\nVERSION_ID=2.0\n");
    }

    static Diagnosis diagnosis() {
        return new Diagnosis("offline", false,
                List.of(new Diagnosis.Finding("error", "COS_STATE has filesystem errors", "fsck", "finding.fs-errors",
                                Map.of("label", "COS_STATE")),
                        Diagnosis.Finding.of("warning", Words.FINDING_ENV_FILE_MISSING.with("COS_OEM:/grubenv"), "")),
                List.of(new Diagnosis.PartitionCheck("state", "COS_STATE", "/dev/loop0p4", "ext4", "errors", 4, "", "",
                        List.of("e2fsck: errors"))),
                List.of(new Diagnosis.ImageCheck("active", "COS_STATE:/cOS/active.img", true, true, "ext2", "clean", List.of())),
                List.of(new Diagnosis.FileCheck("COS_GRUB:/EFI/BOOT/BOOTX64.EFI", true, "")),
                List.of(new Diagnosis.FileCheck("COS_OEM:/grubenv", false, "missing")),
                List.of(new Diagnosis.FileCheck("COS_STATE:/state.yaml", true, "")),
                Map.of("COS_STATE", 42L),
                new Diagnosis.Boot(List.of("no pending attempts"), "active", "active did not come up",
                        Map.of("saved_entry", "active"), new Diagnosis.BootFallback("passive",
                        List.of(new Diagnosis.SlotVersion("active", "2.0")), new Diagnosis.SlotVersion("passive", "1.0"))));
    }

    /** Every event type a verb writes, in the order of a run that fails, then one that succeeds. */
    static String events() {
        StringWriter text = new StringWriter();
        ProgressPrinter printer = ProgressPrinter.create(ProgressPrinter.Format.JSON, new PrintWriter(text));
        printer.bytesOf("download").update(0, 0);
        printer.bytesOf("verify").update(512, 2048);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("target", "/tmp/disk.img (8.0 GiB)");
        facts.put("source", "dir:///srv/tree");
        facts.put("log", "/var/log/cos-installer/x.log");
        facts.put("unverified", true);
        printer.start("install", facts);
        printer.stepStarted("partition", Words.STEP_PARTITION.with(), 3, 13);
        printer.stepStarted("create-image", new Phrase("step.create-image", Map.of("target", "/tmp/disk.img")), 1, 13);
        printer.progress("partition", 0.123456, 0.5, -1, -1);
        printer.progress("unpack", 0.5, 0.25, 1024, 4096);
        printer.log("warn", "UNVERIFIED IMAGE: no digest");
        printer.stepFinished("partition", 120);
        printer.failure(new StepFailedException("format", Words.STEP_FORMAT.with(), new InstallerException(ErrorCode.FORMAT,
                "mkfs.ext4 failed: choose another disk", "command: mkfs.ext4\nexit code: 1")));
        printer.failure(new InstallerException(ErrorCode.USAGE, "no target: give --target"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("uri", "file:///srv/os.squashfs");
        summary.put("bytes", 123456789012L);
        summary.put("treeBytes", 5);
        summary.put("actions", List.of("fsck"));
        summary.put("unverified", true);
        printer.success(summary, 23817);
        return text.toString().replaceAll("\"time\":\"[^\"]*\"", "\"time\":\"T\"")
                .replace(LogFile.current().toString(), "LOG");
    }
}
