package dev.cos.installer.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rendered GRUB configs keep the contracts of docs/boot.md (what GRUB does with them: BootIT). */
class GrubConfigsTest {

    static final BootEnvironment.Labels LABELS = new BootEnvironment.Labels("COS_STATE", "COS_RECOVERY", "COS_OEM",
            "COS_PERSISTENT");
    private final String cfg = GrubConfigs.grubCfg(3, LABELS);

    @Test
    void theEmbeddedConfigLoadsStatesGrubCfgAndFallsBackToTheCopyOnRecovery() {
        String embedded = GrubConfigs.embeddedCfg("MY_STATE", "MY_RECOVERY");
        // The rescue parser runs every line and goes on after a failed one: a configfile that finds
        // no file (COS_STATE reformatted) falls through to the copy on recovery. Recovery is searched
        // first so that root is still a filesystem holding grub2/ when COS_STATE is not found at all.
        assertEquals(List.of("search --no-floppy --label MY_RECOVERY --set root",
                "search --no-floppy --label MY_STATE --set root", "set prefix=($root)/grub2",
                "configfile ($root)/grub2/grub.cfg",
                "search --no-floppy --label MY_RECOVERY --set root", "set prefix=($root)/grub2",
                "configfile ($root)/grub2/grub.cfg",
                "echo \"COS-GRUB: found no /grub2/grub.cfg on MY_STATE nor on MY_RECOVERY\""),
                embedded.lines().toList());
    }

    @Test
    void grubCfgFindsStateByTheLayoutsLabelSoTheCopyOnRecoveryWorksToo() {
        String custom = GrubConfigs.grubCfg(3, new BootEnvironment.Labels("S1", "R1", "O1", "P1"));
        List<String> lines = custom.lines().map(String::strip).toList();
        for (String line : List.of("set state_label=S1", "set recovery_label=R1", "set oem_label=O1",
                "set persistent_label=P1", "search --no-floppy --label \"${state_label}\" --set cos_state")) {
            assertTrue(lines.contains(line), line);
        }
        assertFalse(custom.contains("${root}"), "nothing depends on which copy was loaded");
        int search = custom.indexOf("--set cos_state");
        assertTrue(search > 0 && search < custom.indexOf("load_env -f \"(${cos_state})/grub_oem_env\""),
                "grub_oem_env is read from COS_STATE once it is found");
    }

    @Test
    void theEmbeddedConfigUsesOnlyWhatGrubsRescueParserUnderstands() {
        // GRUB runs an embedded config before the normal module: no comments, no if.
        for (String line : GrubConfigs.embeddedCfg("COS_STATE", "COS_RECOVERY").lines().toList()) {
            assertFalse(line.startsWith("#") || line.startsWith("if") || line.startsWith("fi"), line);
        }
    }

    @Test
    void labelsThatWouldChangeTheScriptAreRefused() {
        for (String label : List.of("COS STATE", "X\"; reboot; \"", "", "a$b")) {
            assertThrows(IllegalArgumentException.class, () -> GrubConfigs.embeddedCfg(label, "COS_RECOVERY"), label);
        }
    }

    @Test
    void theMenuHasActivePassiveAndRecoveryInTheOrderTheFallbackNumbersUse() {
        Matcher ids = Pattern.compile("(?m)^menuentry .* --id (\\w+) \\{$").matcher(cfg);
        List<String> found = new java.util.ArrayList<>();
        while (ids.find()) {
            found.add(ids.group(1));
        }
        assertEquals(List.of("cos", "fallback", "recovery"), found);
        assertTrue(cfg.contains("    set default=0\n    set fallback=\"1 2\"\n"), "active falls back to passive, recovery");
        assertTrue(cfg.contains("    set default=1\n    set fallback=\"2\"\n"), "passive falls back to recovery");
    }

    @Test
    void everyEntryBootsTheKernelAndInitrdInsideItsImageWithTheSpecCommandLine() {
        assertTrue(cfg.contains("cos_boot active \"${cos_state}\" /cOS/active.img \"${state_label}\""));
        assertTrue(cfg.contains("cos_boot passive \"${cos_state}\" /cOS/passive.img \"${state_label}\""));
        assertTrue(cfg.contains("cos_boot recovery \"${cos_recovery}\" \"${cos_recovery_img}\" \"${recovery_label}\""));
        String linux = cfg.lines().filter(l -> l.strip().startsWith("linux ")).findFirst().orElseThrow().strip();
        assertEquals("linux \"(cos_loop_$1)/boot/vmlinuz\" root=LABEL=$4 cos-img/filename=$3 panic=5"
                + " rd.cos.oemlabel=${oem_label} console=tty0 console=ttyS0,115200 ${extra_cmdline}", linux);
        assertTrue(cfg.contains("initrd \"(cos_loop_$1)/boot/initrd\""));
        assertEquals(1, count(cfg, "\n    linux "), "one linux line, shared by every entry");
    }

    @Test
    void onlyTheRuntimeVariablesAreTakenFromCosOem() {
        assertTrue(cfg.contains("load_env -f \"${cos_env}\" next_entry saved_entry extra_cmdline cos_tries_active cos_tries_passive"
                + " cos_failed_active cos_failed_passive cos_rehearsal cos_recovery_reason\n"));
        Matcher counters = Pattern.compile("cos_tries_\\w+").matcher(cfg);
        while (counters.find()) {
            assertTrue(List.of("cos_tries_active", "cos_tries_passive").contains(counters.group()), counters.group());
        }
    }

    @Test
    void saveEnvRunsOnlyOnAnEnvFileThatExists() {
        assertEquals(1, Pattern.compile("(?m)^\\s*save_env ").matcher(cfg).results().count(), "one save_env, in cos_save");
        assertTrue(cfg.contains("function cos_save {\n    if [ -n \"${cos_env}\" ]; then\n        save_env -f \"${cos_env}\" \"$1\"\n"));
        assertTrue(cfg.contains("    if [ -f \"(${cos_oem})/grubenv\" ]; then\n        set cos_env=\"(${cos_oem})/grubenv\"\n"));
    }

    @Test
    void aOneShotNextEntryIsClearedBeforeItIsUsed() {
        int cleared = cfg.indexOf("    unset next_entry\n    cos_save next_entry\n");
        assertTrue(cleared > 0, "next_entry is removed from COS_OEM:/grubenv");
        assertTrue(cleared < cfg.indexOf("if [ \"${cos_requested}\" = cos ]"));
    }

    @Test
    void savedEntryPicksTheFirstSlotTriedAndTheChainStillFollows() {
        String choice = cfg.substring(cfg.indexOf("set cos_slot=\"\"\n"), cfg.indexOf("# Entries are in a fixed order"));
        String fallback = choice.substring(choice.indexOf("elif [ \"${saved_entry}\" = fallback ]; then"));
        assertTrue(fallback.startsWith("elif [ \"${saved_entry}\" = fallback ]; then\n    cos_try passive\n    cos_try active\nfi\n"),
                "saved_entry=fallback: passive first, then active: " + fallback);
        assertTrue(choice.contains("if [ \"${saved_entry}\" = recovery ]; then\n    if [ -z \"${cos_slot}\" ]; then\n"
                + "        if cos_readable cos_probe_saved \"${cos_recovery}\" \"${cos_recovery_img}\"; then set cos_slot=recovery;"),
                "saved_entry=recovery boots recovery when its image is readable");
        assertTrue(choice.endsWith("fi\ncos_try active\ncos_try passive\nif [ -z \"${cos_slot}\" ]; then\n    set cos_slot=recovery\n"
                + "    set cos_recovery_why=fallback\nfi\n\n"),
                "after the preferred slot, the A -> B -> recovery chain as without saved_entry: " + choice);
        assertTrue(choice.indexOf("next_entry") < choice.indexOf("saved_entry"), "a one-shot next_entry wins");
        String tryFunction = cfg.substring(cfg.indexOf("function cos_try {"), cfg.indexOf("# Which slot boots"));
        assertTrue(tryFunction.contains("if [ -z \"${cos_slot}\" ]; then") && tryFunction.contains("\"${cos_tries_passive}\" \"<\" \"${cos_max_tries}\""),
                "a slot is only tried while none is chosen, and only with tries left");
    }

    /** Issue 13, item 3: no boot loop. The booted system clears only the counters, so the mark must be GRUB's. */
    @Test
    void aSlotThatUsedUpItsTriesIsMarkedFailedAndSkippedUntilAToolRemovesTheMark() {
        String tryFunction = cfg.substring(cfg.indexOf("function cos_try {"), cfg.indexOf("# Which slot boots"));
        for (String slot : List.of("active", "passive")) {
            String skip = "if [ \"${cos_failed_" + slot + "}\" = yes ]; then\n                echo \"COS-GRUB: " + slot
                    + " is marked failed: skipped\"\n            elif [ \"${cos_tries_" + slot + "}\" \"<\" \"${cos_max_tries}\" ]; then";
            assertTrue(tryFunction.contains(skip), "a marked slot is skipped before its tries are looked at: " + tryFunction);
            assertTrue(tryFunction.contains("            else\n                set cos_failed_" + slot + "=yes\n"
                    + "                cos_save cos_failed_" + slot + "\n"), "tries used up: marked and saved");
        }
        assertFalse(cfg.contains("unset cos_failed_"), "GRUB never removes a mark");
    }

    @Test
    void recoveryRecordsWhetherTheChainRanOutOrItWasChosenAndOtherSlotsClearThat() {
        String choice = cfg.substring(cfg.indexOf("set cos_slot=\"\"\n"), cfg.indexOf("# Entries are in a fixed order"));
        assertTrue(choice.startsWith("set cos_slot=\"\"\nset cos_requested=\"\"\nset cos_recovery_why=chosen\n"), choice);
        assertEquals(1, count(choice, "cos_recovery_why=fallback"), "only the last resort is a fallback");
        String mark = cfg.substring(cfg.indexOf("function cos_mark_recovery {"), cfg.indexOf("# Boots slot $1 from image"));
        assertTrue(mark.contains("        if [ \"${cos_slot}\" = recovery ]; then\n            set cos_recovery_reason=\"${cos_recovery_why}\"\n"
                + "        else\n            set cos_recovery_reason=chosen\n"), "a recovery entry picked in the menu was chosen: " + mark);
        assertTrue(mark.contains("    elif [ -n \"${cos_recovery_reason}\" ]; then\n        unset cos_recovery_reason\n"
                + "        cos_save cos_recovery_reason\n"), "booting active or passive removes the mark");
        assertTrue(cfg.contains("    cos_count_attempt \"$1\"\n    cos_mark_recovery \"$1\"\n"), "every entry marks");
        assertTrue(cfg.contains("export cos_tries_active cos_tries_passive cos_failed_active cos_failed_passive cos_slot"
                + " cos_recovery_why cos_recovery_reason\n"),
                "menu entries see the choice");
    }

    @Test
    void slotsAreCheckedWithThrowAwayLoopbackNamesBeforeTheMenu() {
        String beforeMenu = cfg.substring(0, cfg.indexOf("menuentry "));
        for (String probe : List.of("cos_probe_active", "cos_probe_passive", "cos_probe_next")) {
            assertTrue(beforeMenu.contains("cos_readable " + probe + " "), probe);
        }
        assertTrue(cfg.contains("loopback -d \"$1\""), "the probe's loopback is dropped again");
    }

    @Test
    void theTimeoutIsRenderedAndNoPlaceholderIsLeft() {
        assertTrue(cfg.contains("\nset timeout=3\n"));
        assertTrue(GrubConfigs.grubCfg(0, LABELS).contains("\nset timeout=0\n"));
        assertFalse(Pattern.compile("@[A-Z_]+@").matcher(cfg).find());
        assertThrows(IllegalArgumentException.class, () -> GrubConfigs.grubCfg(-1, LABELS));
    }

    private static int count(String text, String part) {
        return Arrays.asList(text.split(Pattern.quote(part), -1)).size() - 1;
    }
}
