package dev.cos.installer.boot;

import java.nio.file.Path;

/**
 * Where GRUB's platform files are on the host: the i386-pc directory (boot.img, kernel.img and
 * modules; Debian package grub-pc-bin) and the x86_64-efi directory (grub-efi-amd64-bin).
 */
public record GrubFiles(Path pcDir, Path efiDir) {

    /** Debian's locations. */
    public static GrubFiles system() {
        return new GrubFiles(Path.of("/usr/lib/grub/i386-pc"), Path.of("/usr/lib/grub/x86_64-efi"));
    }

    public Path bootImg() {
        return pcDir.resolve("boot.img");
    }
}
