package dev.cos.installer.boot;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.sys.CommandRunner;
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
 * Makes an installed disk bootable (spec section 5): writes COS_STATE:/grub2/grub.cfg and the
 * embedded config, copies GRUB's platform modules to COS_STATE:/grub2/&lt;platform&gt;, and installs
 * the GRUB EFI binary as COS_GRUB:/EFI/BOOT/BOOTX64.EFI (EFI) and/or core.img in the BIOS boot
 * partition plus boot.img in the MBR (BIOS). Hybrid does both. Used by install, and by reset.
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
        try {
            embeddedText = GrubConfigs.embeddedCfg(target.stateLabel());
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ErrorCode.BOOTLOADER, "GRUB cannot search for the COS_STATE label: "
                    + e.getMessage());
        }
        Path grubDir = target.stateMount().resolve("grub2");
        Files.createDirectories(grubDir);
        write(grubDir.resolve("grub.cfg"), GrubConfigs.grubCfg(MENU_TIMEOUT_SECONDS));
        Path embedded = grubDir.resolve("embedded.cfg");
        write(embedded, embeddedText);
        if (efi) {
            installEfi(target, grubDir, embedded);
        }
        if (bios) {
            installBios(target, grubDir, embedded);
        }
    }

    private void installEfi(BootloaderTarget target, Path grubDir, Path embedded) {
        Path binary = buildImage(Format.X86_64_EFI, grubFiles.efiDir(), grubDir, embedded, "grub.efi", EFI_MODULES);
        runner.run(FilesystemTools.mcopy(target.efiPartition().orElseThrow(), binary.toString(), ESP_BINARY));
    }

    private void installBios(BootloaderTarget target, Path grubDir, Path embedded) {
        Path core = buildImage(Format.I386_PC, grubFiles.pcDir(), grubDir, embedded, "core.img", PC_MODULES);
        BootloaderTarget.BiosPartition partition = target.biosPartition().orElseThrow();
        BiosBootCode.commands(target.disk(), partition.device(), partition.startSector512(),
                grubFiles.bootImg().toString(), core.toString()).forEach(runner::run);
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

    private void write(Path file, String text) throws IOException {
        fileOperations.accept("write COS_STATE:/grub2/" + file.getFileName());
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
