package dev.cos.installer.repair;

import java.util.List;

/**
 * The actions of the recovery screen, with their data impact in words a person reads before
 * choosing one ({@code repair --describe --json}, docs/repair.md). Pure.
 *
 * @param id what the GUI passes back (fsck, bootloader, grub-env, rollback, rollback-swap, reset, ...)
 * @param command the CLI arguments that run it (before --target / --progress)
 * @param keeps what stays as it is
 * @param changes what it rewrites or may lose
 */
public record RepairAction(String id, String title, List<String> command, List<String> keeps, List<String> changes) {

    /** Every action, in the order the recovery screen lists them. */
    public static List<RepairAction> all() {
        List<String> allData = List.of("your data in COS_PERSISTENT (/usr/local)", "COS_OEM (/oem)",
                "the system images (active, passive, recovery)");
        return List.of(
                new RepairAction("rollback", "Boot the previous system (passive) from now on",
                        List.of("bootentry", "--select", "passive"), allData,
                        List.of("GRUB's saved_entry in COS_OEM:/grubenv")),
                new RepairAction("rollback-swap", "Make the previous system (passive) the active one",
                        List.of("rollback", "--swap"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "COS_OEM (/oem)", "the recovery image",
                                "both system images (renamed, not rewritten)"),
                        List.of("active.img and passive.img trade places", "state.yaml")),
                new RepairAction("fsck", "Repair filesystems", List.of("repair", "--fsck"), allData,
                        List.of("damaged files may be moved to lost+found on the partition they were on",
                                "partitions the running system has mounted are refused")),
                new RepairAction("fsck-yes", "Repair filesystems, answering yes to every fix",
                        List.of("repair", "--fsck", "--yes-fix"), List.of("the files e2fsck can save"),
                        List.of("damaged files are moved to lost+found or removed when e2fsck cannot save them")),
                new RepairAction("bootloader", "Reinstall the bootloader", List.of("repair", "--bootloader"), allData,
                        List.of("the ESP (COS_GRUB:/EFI/BOOT/BOOTX64.EFI)", "GRUB's files in COS_STATE:/grub2",
                                "the BIOS boot partition and the MBR's boot code")),
                new RepairAction("grub-env", "Restore the GRUB environment", List.of("repair", "--grub-env"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "the files in COS_OEM (/oem) but grubenv",
                                "the system images", "saved_entry (the slot chosen to boot by default)"),
                        List.of("boot attempt counters, next_entry, extra_cmdline and a rollback rehearsal are reset",
                                "COS_STATE:/grub_oem_env is rewritten from state.yaml's labels")),
                new RepairAction("reset", "Reset the system from the recovery image", List.of("reset"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "COS_OEM (/oem)", "the recovery image"),
                        List.of("erases COS_STATE: active and passive are rebuilt from the recovery image",
                                "the current and the previous system are lost")),
                new RepairAction("reset-persistent", "Reset the system and erase your data", List.of("reset",
                        "--reset-persistent"), List.of("COS_OEM (/oem)", "the recovery image"),
                        List.of("erases COS_STATE", "erases your data in COS_PERSISTENT (/usr/local)")),
                new RepairAction("reset-oem", "Reset the system and its configuration", List.of("reset", "--reset-oem"),
                        List.of("your data in COS_PERSISTENT (/usr/local)", "the recovery image"),
                        List.of("erases COS_STATE", "erases /oem (cloud-init configuration, GRUB's environment)")));
    }
}
