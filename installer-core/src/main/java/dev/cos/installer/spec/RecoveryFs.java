package dev.cos.installer.spec;

/** The recovery image's format: a squashfs (default), or an ext2 image labelled COS_SYSTEM. */
public enum RecoveryFs {
    SQUASHFS("squashfs", "recovery.squashfs"),
    EXT2("ext2", "recovery.img");

    private final String fs;
    private final String fileName;

    RecoveryFs(String fs, String fileName) {
        this.fs = fs;
        this.fileName = fileName;
    }

    public String fs() {
        return fs;
    }

    public String fileName() {
        return fileName;
    }
}
