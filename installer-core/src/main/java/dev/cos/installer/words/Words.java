package dev.cos.installer.words;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every engine text the GUI shows a person (job step titles, diagnosis findings, repair action
 * titles): its stable code, its English template with {@code {name}} placeholders, and the names of
 * its arguments in the order {@link #with} takes them. The one home of that English: the GUI's
 * bundle has a key {@code engine.<code>} for each code (docs/progress-protocol.md). Codes only ever
 * get added; a changed meaning gets a new code.
 */
public enum Words {

    // Job steps: "step.<id>" where a step id has one text in every job, "step.<verb>.<id>" where it differs.
    STEP_CREATE_IMAGE("step.create-image", "Creating disk image {target}", "target"),
    STEP_ATTACH("step.attach", "Attaching {target} as a loop device", "target"),
    STEP_PARTITION("step.partition", "Writing the partition table"),
    STEP_FORMAT("step.format", "Creating filesystems"),
    STEP_INSTALL_MOUNT("step.install.mount", "Mounting the new partitions"),
    STEP_MOUNT("step.mount", "Mounting the cOS partitions"),
    STEP_LOCK("step.lock", "Taking the upgrade lock"),
    STEP_CLEAN("step.clean", "Removing leftovers of an interrupted upgrade"),
    STEP_DOWNLOAD("step.download", "Downloading {source}", "source"),
    STEP_VERIFY("step.verify", "Verifying {source}", "source"),
    STEP_VERIFY_RECOVERY("step.verify-recovery", "Verifying the recovery image"),
    STEP_SPACE("step.space", "Checking free space"),
    STEP_UNPACK("step.unpack", "Unpacking {source}", "source"),
    STEP_UNPACK_RECOVERY("step.unpack-recovery", "Unpacking the recovery image"),
    STEP_ACTIVE("step.active", "Building the system image (active.img)"),
    STEP_PASSIVE("step.passive", "Copying the fallback image (passive.img)"),
    STEP_RECOVERY("step.recovery", "Building the recovery image"),
    STEP_BOOT_ENV("step.boot-env", "Writing the GRUB environment"),
    STEP_INSTALL_BOOTLOADER("step.install.bootloader", "Installing the bootloader (GRUB, {firmware})", "firmware"),
    STEP_BOOTLOADER("step.bootloader", "Installing the bootloader (GRUB)"),
    STEP_CLOUD_INIT("step.cloud-init", "Copying cloud-init files to COS_OEM"),
    STEP_STATE("step.state", "Writing state.yaml"),
    STEP_SYNC("step.sync", "Flushing data to disk"),
    STEP_TRANSITION("step.transition", "Building the new system image (transition.img)"),
    STEP_TRANSITION_RECOVERY("step.transition-recovery", "Building the new recovery image"),
    STEP_SWAP_RECOVERY("step.swap-recovery", "Replacing the recovery image"),
    STEP_SWAP_PASSIVE("step.swap-passive", "Keeping the running system as passive.img"),
    STEP_SWAP_ACTIVE("step.swap-active", "Making the new system active.img"),
    STEP_RECOVERY_BOOT("step.recovery-boot", "Making sure recovery boots throughout the reset"),
    STEP_FORMAT_STATE("step.format-state", "Formatting COS_STATE"),
    STEP_FORMAT_PERSISTENT("step.format-persistent", "Formatting COS_PERSISTENT"),
    STEP_FORMAT_OEM("step.format-oem", "Formatting COS_OEM"),
    STEP_SWAP("step.swap", "Making passive the active system"),
    STEP_ROLLBACK_BOOT_ENV("step.rollback.boot-env", "Resetting boot counters"),
    STEP_ROLLBACK_HISTORY("step.rollback.history", "Recording the rollback in the history"),
    STEP_LOCATE("step.locate", "Finding the cOS partitions"),
    STEP_FSCK("step.fsck", "Checking and repairing filesystems"),
    STEP_REPAIR_BOOTLOADER("step.repair.bootloader", "Reinstalling the bootloader (GRUB)"),
    STEP_GRUB_ENV("step.grub-env", "Restoring the GRUB environment"),
    STEP_REPAIR_HISTORY("step.repair.history", "Recording the repair in the history"),

    // Diagnosis findings (repair/Diagnoser). Arguments hold names, tool output and file problems as the engine has them.
    FINDING_PARTITION_ERRORS("finding.partition.errors", "{label} ({partition}) has filesystem errors: {output}",
            "label", "partition", "output"),
    FINDING_PARTITION_UNCHECKED("finding.partition.check-failed",
            "the filesystem check of {label} ({partition}) could not run: {output}", "label", "partition", "output"),
    FINDING_UNMOUNTABLE("finding.partitions.unmountable", "the cOS partitions cannot be mounted or read: {reason}", "reason"),
    FINDING_IMAGE_ACTIVE("finding.image.active", "{file} is {result}: the system falls back to passive; roll back"
            + " (rollback --swap) or reset from recovery", "file", "result"),
    FINDING_IMAGE_PASSIVE("finding.image.passive", "{file} is {result}: there is no fallback system; upgrade again or"
            + " reset from recovery", "file", "result"),
    FINDING_IMAGE_RECOVERY("finding.image.recovery", "{file} is {result}: recovery cannot boot; upgrade the recovery"
            + " image (upgrade --recovery)", "file", "result"),
    FINDING_IMAGE_ACTIVE_MISSING("finding.image.active-missing", "{file} is missing: the system falls back to passive;"
            + " roll back (rollback --swap) or reset from recovery", "file"),
    FINDING_IMAGE_PASSIVE_MISSING("finding.image.passive-missing", "{file} is missing: there is no fallback system;"
            + " upgrade again or reset from recovery", "file"),
    FINDING_IMAGE_RECOVERY_MISSING("finding.image.recovery-missing", "{file} is missing: recovery cannot boot; upgrade"
            + " the recovery image (upgrade --recovery)", "file"),
    FINDING_BOOT_FILE("finding.boot-file", "{file}: {problem}; reinstall the bootloader", "file", "problem"),
    FINDING_BOOT_FILE_MISSING("finding.boot-file.missing", "{file}: missing; reinstall the bootloader", "file"),
    FINDING_ENV_FILE("finding.env-file", "{file}: {problem}; restore the GRUB environment", "file", "problem"),
    FINDING_ENV_FILE_MISSING("finding.env-file.missing", "{file}: missing; restore the GRUB environment", "file"),
    FINDING_STATE_FILE("finding.state-file", "{file}: {problem}", "file", "problem"),
    FINDING_STATE_FILE_MISSING("finding.state-file.missing", "{file}: missing", "file"),
    FINDING_LOW_SPACE("finding.low-space", "COS_STATE has too little free space for the next upgrade ({free} bytes"
            + " free, {needed} needed)", "free", "needed"),
    FINDING_BOOT_FALLBACK("finding.boot.fallback", "{failed} failed to boot: the system fell back to {running}",
            "failed", "running"),
    FINDING_BOOT_UNCONFIRMED_ACTIVE("finding.boot.unconfirmed-active", "active has {tries} unconfirmed boot attempt(s)"
            + " (cos_tries_active): it started but never reported that it came up", "tries"),
    FINDING_BOOT_UNCONFIRMED_PASSIVE("finding.boot.unconfirmed-passive", "passive has {tries} unconfirmed boot"
            + " attempt(s) (cos_tries_passive)", "tries"),
    FINDING_REHEARSAL_FAILED("finding.boot.rehearsal-failed", "the rollback rehearsal failed: {reason}", "reason"),

    // Repair action titles (repair/RepairAction): "action.<id>".
    ACTION_ROLLBACK("action.rollback", "Boot the previous system (passive) from now on"),
    ACTION_ROLLBACK_SWAP("action.rollback-swap", "Make the previous system (passive) the active one"),
    ACTION_FSCK("action.fsck", "Repair filesystems"),
    ACTION_FSCK_YES("action.fsck-yes", "Repair filesystems, answering yes to every fix"),
    ACTION_BOOTLOADER("action.bootloader", "Reinstall the bootloader"),
    ACTION_GRUB_ENV("action.grub-env", "Restore the GRUB environment"),
    ACTION_RESET("action.reset", "Reset the system from the recovery image"),
    ACTION_RESET_PERSISTENT("action.reset-persistent", "Reset the system and erase your data"),
    ACTION_RESET_OEM("action.reset-oem", "Reset the system and its configuration");

    /** A {@code {name}} placeholder of a template. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-zA-Z0-9]*)}");

    private static final Map<String, Words> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toMap(Words::code, Function.identity()));

    private final String code;
    private final String english;
    private final List<String> parameters;

    Words(String code, String english, String... parameters) {
        this.code = code;
        this.english = english;
        this.parameters = List.of(parameters);
    }

    public String code() {
        return code;
    }

    /** The English template, with {@code {name}} placeholders. */
    public String english() {
        return english;
    }

    /** The argument names, in the order {@link #with} takes their values. */
    public List<String> parameters() {
        return parameters;
    }

    /**
     * This text with its arguments, given in the order of {@link #parameters()}.
     *
     * @throws IllegalArgumentException when the number of values is not the number of parameters
     */
    public Phrase with(Object... values) {
        if (values.length != parameters.size()) {
            throw new IllegalArgumentException(code + " takes " + parameters + ", got " + values.length + " values");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            args.put(parameters.get(i), String.valueOf(values[i]));
        }
        return new Phrase(code, args);
    }

    public static Optional<Words> byCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** This template with its placeholders filled (every argument is there when made by {@link #with}). */
    String fill(Map<String, String> args) {
        return fill(english, args).orElse(english);
    }

    /**
     * A template (this table's or a translation of it) with each {@code {name}} replaced by its
     * argument; empty when the template names an argument that is not there.
     */
    public static Optional<String> fill(String template, Map<String, String> args) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = args.get(placeholder.group(1));
            if (value == null) {
                return Optional.empty();
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(out);
        return Optional.of(out.toString());
    }
}
