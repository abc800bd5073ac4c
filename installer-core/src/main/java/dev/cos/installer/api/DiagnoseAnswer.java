package dev.cos.installer.api;

import java.util.List;
import java.util.Map;

/**
 * The engine's {@code diagnose --json} answer (docs/repair.md): what is wrong with an installed
 * system and which repair action fixes each finding. Field names fixed by the CLI's Diagnoser.
 *
 * @param booted active, passive, recovery or offline
 * @param healthy false when any finding is an error
 * @param freeBytes free bytes by partition label (COS_STATE, COS_RECOVERY)
 */
public record DiagnoseAnswer(String booted, boolean healthy, List<Finding> findings, List<PartitionCheck> partitions,
        List<ImageCheck> images, List<FileCheck> bootFiles, List<FileCheck> envFiles, List<FileCheck> stateFiles,
        Map<String, Long> freeBytes, Boot boot) {

    public DiagnoseAnswer {
        booted = booted == null ? "" : booted;
        findings = findings == null ? List.of() : List.copyOf(findings);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        images = images == null ? List.of() : List.copyOf(images);
        bootFiles = bootFiles == null ? List.of() : List.copyOf(bootFiles);
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        stateFiles = stateFiles == null ? List.of() : List.copyOf(stateFiles);
        freeBytes = freeBytes == null ? Map.of() : Map.copyOf(freeBytes);
        boot = boot == null ? new Boot(List.of(), "", "", Map.of(), null) : boot;
    }

    /**
     * One problem found. {@code action} names the repair that fixes it: fsck, bootloader, grub-env,
     * rollback, reset, or empty when there is none. {@code message} is the engine's English;
     * {@code code} and {@code args} the same finding for the GUI to translate (app EngineWords).
     */
    public record Finding(String severity, String message, String action, String code, Map<String, String> args) {
        public Finding {
            severity = severity == null ? "error" : severity;
            message = message == null ? "" : message;
            action = action == null ? "" : action;
            code = code == null ? "" : code;
            args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(args));
        }

        /** A finding with only its English text. */
        public Finding(String severity, String message, String action) {
            this(severity, message, action, "", Map.of());
        }

        public boolean error() {
            return !"warning".equals(severity);
        }
    }

    /** A filesystem check ({@code e2fsck -f -n}, {@code fsck.vfat -n}); result clean|repaired|errors|failed|not-checked. */
    public record PartitionCheck(String partition, String label, String device, String fs, String result, int exitCode,
            String mounted, String note, List<String> output) {
        public PartitionCheck {
            partition = partition == null ? "" : partition;
            label = label == null ? "" : label;
            device = device == null ? "" : device;
            fs = fs == null ? "" : fs;
            result = result == null ? "" : result;
            mounted = mounted == null ? "" : mounted;
            note = note == null ? "" : note;
            output = output == null ? List.of() : List.copyOf(output);
        }

        public boolean clean() {
            return "clean".equals(result) || "repaired".equals(result);
        }
    }

    /** A system image: result clean|errors|failed|missing|unreadable. */
    public record ImageCheck(String slot, String file, boolean present, boolean readable, String fs, String result,
            List<String> output) {
        public ImageCheck {
            slot = slot == null ? "" : slot;
            file = file == null ? "" : file;
            fs = fs == null ? "" : fs;
            result = result == null ? "" : result;
            output = output == null ? List.of() : List.copyOf(output);
        }

        public boolean clean() {
            return present && readable && "clean".equals(result);
        }
    }

    /** A boot, environment or state file; {@code problem} is empty when it is fine. */
    public record FileCheck(String file, boolean present, String problem) {
        public FileCheck {
            file = file == null ? "" : file;
            problem = problem == null ? "" : problem;
        }

        public boolean ok() {
            return present && problem.isEmpty();
        }
    }

    /**
     * The boot assessment: {@code failedSlot} (active|passive, empty when none failed) and {@code how}
     * in a sentence; {@code grubenv} the variables of COS_OEM:/grubenv; {@code fallback} the automatic
     * fallback the running system is ({@code to} empty when none).
     */
    public record Boot(List<String> notes, String failedSlot, String how, Map<String, String> grubenv,
            BootFallback fallback) {
        public Boot {
            notes = notes == null ? List.of() : List.copyOf(notes);
            failedSlot = failedSlot == null ? "" : failedSlot;
            how = how == null ? "" : how;
            grubenv = grubenv == null ? Map.of() : Map.copyOf(grubenv);
            fallback = fallback == null ? new BootFallback("", List.of(), null) : fallback;
        }
    }

    /**
     * An automatic fallback: the slots that failed to boot, in the order GRUB tried them, and the one
     * running; {@code to} is passive, recovery, or empty when the running system is no fallback.
     */
    public record BootFallback(String to, List<SlotVersion> failed, SlotVersion running) {
        public BootFallback {
            to = to == null ? "" : to;
            failed = failed == null ? List.of() : List.copyOf(failed);
            running = running == null ? new SlotVersion("", "") : running;
        }

        public boolean toRecovery() {
            return "recovery".equals(to);
        }
    }

    /** A slot and its image's version (empty when unknown or missing). */
    public record SlotVersion(String slot, String version) {
        public SlotVersion {
            slot = slot == null ? "" : slot;
            version = version == null ? "" : version;
        }
    }
}
