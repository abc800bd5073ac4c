package dev.cos.installer.boot;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.tools.FilesystemTools;
import dev.cos.installer.tools.GrubMkimage;
import dev.cos.installer.tools.GrubMkimage.Format;
import dev.cos.installer.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes an installed disk bootable (spec section 5): writes COS_STATE:/grub2/grub.cfg, its copy
 * COS_RECOVERY:/grub2/grub.cfg and the embedded config, copies GRUB's platform modules to
 * COS_STATE:/grub2/&lt;platform&gt;, and installs the GRUB EFI binary as
 * COS_GRUB:/EFI/BOOT/BOOTX64.EFI (EFI) and/or core.img in the BIOS boot partition plus boot.img in
 * the MBR (BIOS). Hybrid does both. Used by install, reset and repair. Every file is replaced whole
 * (a new name, then a rename; core.img through {@link BiosBootCode}'s two halves), so a cut leaves
 * the old bootloader or the new one, never a mix.
 */
public final class BootloaderInstaller {

    /** The GRUB menu's timeout. Short: the slot is chosen by the config, the menu is for people watching. */
    public static final int MENU_TIMEOUT_SECONDS = 3;

    /** Modules both images embed: everything grub.cfg uses, so it needs no module from disk. */
    static final List<String> COMMON_MODULES = List.of("part_gpt", "part_msdos", "fat", "ext2", "squash4", "loopback",
            "search", "search_label", "search_fs_file", "search_fs_uuid", "loadenv", "test", "normal", "linux", "echo",
            "configfile", "halt", "reboot", "true", "sleep", "serial", "terminal", "gzio", "xzio", "lzopio", "cat", "ls");
    static final List<String> EFI_MODULES = List.of("efi_gop", "all_video");
    static final List<String> PC_MODULES = List.of("biosdisk");

    static final String ESP_BINARY = "/EFI/BOOT/BOOTX64.EFI";
    /** Where the new EFI binary is written before it is renamed over {@link #ESP_BINARY} (a short name too). */
    static final String ESP_BINARY_NEW = "/EFI/BOOT/BOOTX64.NEW";

    private final CommandRunner runner;
    private final GrubFiles grubFiles;
    private final Consumer<String> fileOperations;

    /** @param fileOperations told about every file written without a tool (the plan lists them) */
    public BootloaderInstaller(CommandRunner runner, GrubFiles grubFiles, Consumer<String> fileOperations) {
        this.runner = runner;
        this.grubFiles = grubFiles;
        this.fileOperations = fileOperations;
    }

    /** Installs GRUB for the target's firmware; throws InstallerException(BOOTLOADER) when it cannot. */
    public void install(BootloaderTarget target) throws IOException {
        boolean efi = target.firmware().needsEfiPartition();
        boolean bios = target.firmware().needsBiosBootPartition();
        if (efi && target.efiPartition().isEmpty()) {
            throw new InstallerException(ErrorCode.BOOTLOADER, "booting on UEFI needs an EFI system partition (COS_GRUB)"
                    + " and the layout has none; install with --firmware bios");
        }
        if (bios && (target.biosPartition().isEmpty() || target.sectorBytes() != 512)) {
            throw new InstallerException(ErrorCode.BOOTLOADER, "booting on BIOS needs a BIOS boot partition on a disk"
                    + " with 512-byte sectors (this one has " + target.sectorBytes() + "); install with --firmware efi");
        }
        String embeddedText;
        String grubCfg;
        try {
            embeddedText = GrubConfigs.embeddedCfg(target.labels().state(), target.labels().recovery());
            grubCfg = GrubConfigs.grubCfg(MENU_TIMEOUT_SECONDS, target.labels());
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ErrorCode.BOOTLOADER, "GRUB cannot search for the partitions' labels: "
                    + e.getMessage());
        }
        // The copy first: once it exists, the new embedded config reaches recovery whatever COS_STATE holds.
        write("COS_RECOVERY", target.recoveryMount(), "grub.cfg", grubCfg);
        Path grubDir = write("COS_STATE", target.stateMount(), "grub.cfg", grubCfg).getParent();
        Path embedded = write("COS_STATE", target.stateMount(), "embedded.cfg", embeddedText);
        if (efi) {
            installEfi(target, grubDir, embedded);
        }
        if (bios) {
            installBios(target, grubDir, embedded);
        }
    }

    private void installEfi(BootloaderTarget target, Path grubDir, Path embedded) {
        Path binary = buildImage(Format.X86_64_EFI, grubFiles.efiDir(), grubDir, embedded, "grub.efi", EFI_MODULES);
        String esp = target.efiPartition().orElseThrow();
        runner.run(FilesystemTools.mcopy(esp, binary.toString(), ESP_BINARY_NEW));
        runner.run(FilesystemTools.mren(esp, ESP_BINARY_NEW, ESP_BINARY));
    }

    private void installBios(BootloaderTarget target, Path grubDir, Path embedded) throws IOException {
        byte[] bootImg = bootImg();
        Path core = buildImage(Format.I386_PC, grubFiles.pcDir(), grubDir, embedded, "core.img", PC_MODULES);
        BootloaderTarget.BiosPartition partition = target.biosPartition().orElseThrow();
        // grub-mkimage made it (a recording runner in flow tests does not): too big would overwrite the other half.
        if (Files.exists(core) && Files.size(core) > BiosBootCode.maxCoreBytes(partition)) {
            throw new InstallerException(ErrorCode.BOOTLOADER, "GRUB's core.img (" + Files.size(core) + " bytes) does"
                    + " not fit twice into the BIOS boot partition " + partition.device() + " (" + partition.sizeSectors512()
                    + " sectors): reinstall with a BIOS boot partition of at least 1 MiB");
        }
        BiosBootCode.commands(target.disk(), partition, bootImg, core.toString()).forEach(runner::run);
    }

    private byte[] bootImg() {
        try {
            return Files.readAllBytes(grubFiles.bootImg());
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.BOOTLOADER, "cannot read GRUB's " + grubFiles.bootImg()
                    + ": install grub-pc-bin");
        }
    }

    /** Copies the platform's modules to COS_STATE:/grub2/&lt;platform&gt; and builds the image there. */
    private Path buildImage(Format format, Path platformDir, Path grubDir, Path embedded, String imageName,
                            List<String> platformModules) {
        runner.run(FilesystemTools.copyDirectory(platformDir.toString(), grubDir.toString()));
        Path image = grubDir.resolve(format.grubName()).resolve(imageName);
        List<String> modules = new ArrayList<>(COMMON_MODULES);
        modules.addAll(platformModules);
        runner.run(GrubMkimage.build(format, platformDir.toString(), image.toString(), embedded.toString(), "/grub2",
                modules));
        return image;
    }

    /** Writes {@code name} into the partition's /grub2 (whole, by rename); returns the file. */
    private Path write(String partition, Path mount, String name, String text) throws IOException {
        Path grubDir = Files.createDirectories(mount.resolve("grub2"));
        fileOperations.accept("write " + partition + ":/grub2/" + name);
        AtomicFiles.write(grubDir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
        return grubDir.resolve(name);
    }
}
