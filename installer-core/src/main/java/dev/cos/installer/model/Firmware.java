package dev.cos.installer.model;

/** Which firmware the installed disk must boot on. HYBRID writes both, so one image boots on either. */
public enum Firmware {
    EFI, BIOS, HYBRID;

    public boolean needsEfiPartition() {
        return this != BIOS;
    }

    public boolean needsBiosBootPartition() {
        return this != EFI;
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
