package dev.cos.installer.install;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The system tools an install runs, with the Debian package of each, checked before any write. */
public final class RequiredTools {

    /** Tool -> Debian package that provides it. */
    static final Map<String, String> INSTALL = new LinkedHashMap<>();

    static {
        INSTALL.put("truncate", "coreutils");
        INSTALL.put("cp", "coreutils");
        INSTALL.put("sync", "coreutils");
        INSTALL.put("losetup", "util-linux");
        INSTALL.put("partx", "util-linux");
        INSTALL.put("wipefs", "util-linux");
        INSTALL.put("blockdev", "util-linux");
        INSTALL.put("mount", "mount");
        INSTALL.put("umount", "mount");
        INSTALL.put("sgdisk", "gdisk");
        INSTALL.put("mkfs.ext4", "e2fsprogs");
        INSTALL.put("mkfs.ext2", "e2fsprogs");
        INSTALL.put("tune2fs", "e2fsprogs");
        INSTALL.put("debugfs", "e2fsprogs");
        INSTALL.put("mkfs.vfat", "dosfstools");
        INSTALL.put("mmd", "mtools");
        INSTALL.put("mcopy", "mtools");
        INSTALL.put("mren", "mtools");
        INSTALL.put("dd", "coreutils");
        INSTALL.put("grub-mkimage", "grub-common");
        // GRUB's platform files: absolute paths are checked as files.
        INSTALL.put("/usr/lib/grub/i386-pc/boot.img", "grub-pc-bin");
        INSTALL.put("/usr/lib/grub/x86_64-efi/kernel.img", "grub-efi-amd64-bin");
        INSTALL.put("mksquashfs", "squashfs-tools");
        INSTALL.put("unsquashfs", "squashfs-tools");
        INSTALL.put("tar", "tar");
        INSTALL.put("grub-editenv", "grub-common");
    }

    private final Predicate<String> onPath;

    public RequiredTools(Predicate<String> onPath) {
        this.onPath = onPath;
    }

    /** Looks tools up in $PATH plus the sbin directories, where root's tools live; absolute paths as files. */
    public static RequiredTools system() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            dirs.add(Path.of(dir));
        }
        return new RequiredTools(tool -> tool.startsWith("/") ? Files.isRegularFile(Path.of(tool))
                : dirs.stream().anyMatch(dir -> Files.isExecutable(dir.resolve(tool))));
    }

    /** One required tool, the Debian package that provides it, and whether it was found. */
    public record ToolStatus(String tool, String debianPackage, boolean present) {}

    /** Every required tool in check order, found or not. Reads only. */
    public List<ToolStatus> status() {
        List<ToolStatus> tools = new ArrayList<>();
        INSTALL.forEach((tool, pkg) -> tools.add(new ToolStatus(tool, pkg, onPath.test(tool))));
        return List.copyOf(tools);
    }

    /** Throws MISSING_TOOL naming every missing tool and the packages to install. */
    public void check() {
        List<String> missing = new ArrayList<>();
        TreeSet<String> packages = new TreeSet<>();
        INSTALL.forEach((tool, pkg) -> {
            if (!onPath.test(tool)) {
                missing.add(tool);
                packages.add(pkg);
            }
        });
        if (!missing.isEmpty()) {
            throw new InstallerException(ErrorCode.MISSING_TOOL, "missing system tools: " + String.join(", ", missing)
                    + "; install them with: apt-get install " + String.join(" ", packages));
        }
    }
}
