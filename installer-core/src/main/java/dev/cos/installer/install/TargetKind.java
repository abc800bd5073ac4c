package dev.cos.installer.install;

/** What the install writes to. */
public enum TargetKind {
    /** A disk image file the install creates (sparse). */
    NEW_FILE,
    /** An existing disk image file, used as it is. */
    EXISTING_FILE,
    /** A block device. */
    BLOCK_DEVICE;

    public boolean isFile() {
        return this != BLOCK_DEVICE;
    }
}
