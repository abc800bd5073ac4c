package dev.cos.installer.api;

/** The repairs of {@code repair}, each one flag of the verb (docs/repair.md). */
public enum RepairKind {
    FSCK("--fsck"), BOOTLOADER("--bootloader"), GRUB_ENV("--grub-env");

    private final String flag;

    RepairKind(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }
}
