package dev.cos.installer.repair;

import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The actions of the recovery screen, with their data impact in words a person reads before
 * choosing one ({@code repair --describe --json}, docs/repair.md). Pure.
 *
 * @param id what the GUI passes back (fsck, bootloader, grub-env, rollback, rollback-swap, reset, ...)
 * @param title the action in English (made from code and args)
 * @param code the title's code for a client to translate (words/Words: action.*)
 * @param args the values the code's text names (none today)
 * @param command the CLI arguments that run it (before --target / --progress)
 * @param keeps what stays as it is
 * @param changes what it rewrites or may lose
 */
public record RepairAction(String id, String title, String code, Map<String, String> args, List<String> command,
                           List<String> keeps, List<String> changes) {

    public RepairAction {
        args = Collections.unmodifiableMap(new TreeMap<>(args));
    }

    RepairAction(String id, Phrase title, List<String> command, List<String> keeps, List<String> changes) {
        this(id, title.english(), title.code(), title.args(), command, keeps, changes);
    }

    /** Every action, in the order the recovery screen lists them. */
    public static List<RepairAction> all() {
        List<String> allData = List.of("your data in COS_PERSISTENT (/usr/local)", "COS_OEM (/oem)",
                "the system images (active, passive, recovery)");
        return List.of(
                new RepairAction("rollback", Words.ACTION_ROLLBACK.with(),
                        List.of("bootentry", "--select", "passive"), allData,
                        List.of("GRUB's saved_entry in COS_OEM:/grubenv")),
                new RepairAction("rollback-swap", Words.ACTION_ROLLBACK_SWAP.with(),
                        List.of("rollback", "--swap"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "COS_OEM (/oem)", "the recovery image",
                                "both system images (renamed, not rewritten)"),
                        List.of("active.img and passive.img trade places", "state.yaml")),
                new RepairAction("fsck", Words.ACTION_FSCK.with(), List.of("repair", "--fsck"), allData,
                        List.of("damaged files may be moved to lost+found on the partition they were on",
                                "partitions the running system has mounted are refused")),
                new RepairAction("fsck-yes", Words.ACTION_FSCK_YES.with(),
                        List.of("repair", "--fsck", "--yes-fix"), List.of("the files e2fsck can save"),
                        List.of("damaged files are moved to lost+found or removed when e2fsck cannot save them")),
                new RepairAction("bootloader", Words.ACTION_BOOTLOADER.with(), List.of("repair", "--bootloader"), allData,
                        List.of("the ESP (COS_GRUB:/EFI/BOOT/BOOTX64.EFI)", "GRUB's files in COS_STATE:/grub2",
                                "the BIOS boot partition and the MBR's boot code")),
                new RepairAction("grub-env", Words.ACTION_GRUB_ENV.with(), List.of("repair", "--grub-env"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "the files in COS_OEM (/oem) but grubenv",
                                "the system images", "saved_entry (the slot chosen to boot by default)"),
                        List.of("boot attempt counters, next_entry, extra_cmdline and a rollback rehearsal are reset",
                                "COS_STATE:/grub_oem_env is rewritten from state.yaml's labels")),
                new RepairAction("reset", Words.ACTION_RESET.with(), List.of("reset"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "COS_OEM (/oem)", "the recovery image"),
                        List.of("erases COS_STATE: active and passive are rebuilt from the recovery image",
                                "the current and the previous system are lost")),
                new RepairAction("reset-persistent", Words.ACTION_RESET_PERSISTENT.with(), List.of("reset",
                        "--reset-persistent"), List.of("COS_OEM (/oem)", "the recovery image"),
                        List.of("erases COS_STATE", "erases your data in COS_PERSISTENT (/usr/local)")),
                new RepairAction("reset-oem", Words.ACTION_RESET_OEM.with(), List.of("reset", "--reset-oem"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "the recovery image"),
                        List.of("erases COS_STATE", "erases /oem (cloud-init configuration, GRUB's environment)")));
    }
}
