package dev.cos.installer.repair;

import dev.cos.installer.words.Phrase;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code diagnose} found (docs/repair.md). Serialized as is to JSON: no Optionals, empty
 * strings for "none".
 *
 * @param booted active, passive, recovery or offline
 * @param healthy no finding of severity error
 * @param findings problems, most serious first, each with the repair action that addresses it
 */
public record Diagnosis(String booted, boolean healthy, List<Finding> findings, List<PartitionCheck> partitions,
                        List<ImageCheck> images, List<FileCheck> bootFiles, List<FileCheck> envFiles,
                        List<FileCheck> stateFiles, Map<String, Long> freeBytes, Boot boot) {

    public Diagnosis {
        findings = List.copyOf(findings);
        partitions = List.copyOf(partitions);
        images = List.copyOf(images);
        bootFiles = List.copyOf(bootFiles);
        envFiles = List.copyOf(envFiles);
        stateFiles = List.copyOf(stateFiles);
        freeBytes = Map.copyOf(freeBytes);
    }

    /**
     * @param severity error or warning
     * @param message the finding in English (made from code and args)
     * @param action the repair action id that addresses it (fsck, bootloader, grub-env, rollback, reset), or ""
     * @param code what was found, for a client to translate (words/Words: finding.*)
     * @param args the values the code's text names
     */
    public record Finding(String severity, String message, String action, String code, Map<String, String> args) {

        public Finding {
            args = Collections.unmodifiableMap(new TreeMap<>(args));
        }

        public static Finding of(String severity, Phrase phrase, String action) {
            return new Finding(severity, phrase.english(), action, phrase.code(), phrase.args());
        }
    }

    /**
     * @param result clean, repaired, errors, failed (the checker could not run) or not-checked
     * @param mounted where the running system mounted it ("" offline or unmounted); such a
     *     partition is checked read-only and its result may show changes in flight
     * @param output the checker's first lines
     */
    public record PartitionCheck(String partition, String label, String device, String fs, String result, int exitCode,
                                 String mounted, String note, List<String> output) {}

    /**
     * @param file e.g. COS_STATE:/cOS/active.img
     * @param result clean, errors, failed, missing or unreadable
     */
    public record ImageCheck(String slot, String file, boolean present, boolean readable, String fs, String result,
                             List<String> output) {}

    /** @param problem "" when the file is fine, else what is wrong with it */
    public record FileCheck(String file, boolean present, String problem) {}

    /**
     * @param notes the boot assessment's sentences (status bootNotes)
     * @param failedSlot the slot that failed to boot ("" when none is known)
     * @param how a sentence on how it failed
     * @param fallback the automatic fallback the running system is, {@link BootFallback#NONE} when none
     */
    public record Boot(List<String> notes, String failedSlot, String how, Map<String, String> grubenv,
                       BootFallback fallback) {
        public Boot {
            notes = List.copyOf(notes);
            grubenv = Map.copyOf(grubenv);
        }
    }

    /**
     * An automatic fallback (status/Fallback) for a screen to put in words.
     *
     * @param to passive or recovery; "" when the running system is no fallback
     * @param failed the slots that failed to boot, in the order GRUB tried them
     * @param running the slot running now
     */
    public record BootFallback(String to, List<SlotVersion> failed, SlotVersion running) {
        public static final BootFallback NONE = new BootFallback("", List.of(), new SlotVersion("", ""));

        public BootFallback {
            failed = List.copyOf(failed);
        }
    }

    /** @param version VERSION_ID of the slot's image, "" when unknown or the image is missing */
    public record SlotVersion(String slot, String version) {}
}
