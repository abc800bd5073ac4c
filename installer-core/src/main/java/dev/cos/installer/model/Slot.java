package dev.cos.installer.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The bootable slots of the cOS layout: which image, and GRUB's menu entry id for it
 * (spec section 5: {@code cos}, {@code fallback}, {@code recovery}).
 */
public enum Slot {
    ACTIVE("cos", "active.img"),
    PASSIVE("fallback", "passive.img"),
    RECOVERY("recovery", "");

    private final String menuEntry;
    private final String stateImageName;

    Slot(String menuEntry, String stateImageName) {
        this.menuEntry = menuEntry;
        this.stateImageName = stateImageName;
    }

    /** The GRUB menu entry id that boots this slot. */
    public String menuEntry() {
        return menuEntry;
    }

    /** The image file name on COS_STATE (active.img, passive.img); empty for recovery, which lives on COS_RECOVERY. */
    public String stateImageName() {
        return stateImageName;
    }

    /**
     * GRUB's mark in COS_OEM:/grubenv on a slot that used up its tries ({@code cos_failed_active},
     * {@code cos_failed_passive}, value {@code yes}): skipped on every boot until a tool removes it
     * (docs/boot.md).
     */
    public String failedMark() {
        return "cos_failed_" + cliName();
    }

    /** GRUB's attempt counter of this slot in COS_OEM:/grubenv ({@code cos_tries_active}, ...). */
    public String triesCounter() {
        return "cos_tries_" + cliName();
    }

    /** Lower-case name as the CLI and JSON spell it. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "active", "passive" or "recovery" (any case). */
    public static Optional<Slot> fromCliName(String name) {
        for (Slot slot : values()) {
            if (slot.cliName().equalsIgnoreCase(name.strip())) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }
}
