package dev.cos.installer.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.testsupport.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's GRUB matches what the bootloader step assumes about its files and its config parser. */
class GrubFilesIT {

    @TempDir
    Path temp;

    @Test
    void bootImgAndDiskbootImgHaveTheirFieldsWhereBiosBootCodePatchesThem() throws Exception {
        GrubFiles grub = GrubFiles.system();
        ByteBuffer boot = ByteBuffer.wrap(Files.readAllBytes(grub.bootImg())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(512, boot.capacity());
        assertEquals(1, boot.getLong(BiosBootCode.KERNEL_SECTOR_OFFSET), "default kernel sector");
        assertEquals((byte) 0xFF, boot.get(0x64), "boot drive: the one the BIOS passes");
        assertEquals((byte) 0xEB, boot.get(BiosBootCode.DRIVE_CHECK_OFFSET), "a short jmp over the drive check");
        ByteBuffer diskboot = ByteBuffer.wrap(Files.readAllBytes(grub.pcDir().resolve("diskboot.img")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, diskboot.getLong(BiosBootCode.BLOCKLIST_START_OFFSET), "default blocklist start");
        assertEquals(0x820, diskboot.getShort(BiosBootCode.BLOCKLIST_START_OFFSET + 10), "load segment");
    }

    @Test
    void grubAcceptsTheRenderedConfigs() throws Exception {
        Path cfg = Files.writeString(temp.resolve("grub.cfg"), GrubConfigs.grubCfg(3, GrubConfigsTest.LABELS));
        Path embedded = Files.writeString(temp.resolve("embedded.cfg"), GrubConfigs.embeddedCfg("COS_STATE", "COS_RECOVERY"));
        Tools.run("grub-script-check", cfg.toString());
        Tools.run("grub-script-check", embedded.toString());
    }

    @Test
    void grubMkimageBuildsBothImagesWithTheModuleList() throws Exception {
        Path embedded = Files.writeString(temp.resolve("embedded.cfg"), GrubConfigs.embeddedCfg("COS_STATE", "COS_RECOVERY"));
        GrubFiles grub = GrubFiles.system();
        Path core = temp.resolve("core.img");
        Tools.run(dev.cos.installer.tools.GrubMkimage.build(dev.cos.installer.tools.GrubMkimage.Format.I386_PC,
                grub.pcDir().toString(), core.toString(), embedded.toString(), "/grub2",
                concat(BootloaderInstaller.COMMON_MODULES, BootloaderInstaller.PC_MODULES)).argv().toArray(String[]::new));
        long sectors = (Files.size(core) + 511) / 512;
        ByteBuffer first = ByteBuffer.wrap(Files.readAllBytes(core), 0, 512).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(sectors - 1, first.getShort(BiosBootCode.BLOCKLIST_START_OFFSET + 8),
                "grub-mkimage filled in the sectors after the first");
        assertEquals(true, sectors < 2048, "core.img fits the 1 MiB BIOS boot partition: " + sectors + " sectors");
        Path efi = temp.resolve("grub.efi");
        Tools.run(dev.cos.installer.tools.GrubMkimage.build(dev.cos.installer.tools.GrubMkimage.Format.X86_64_EFI,
                grub.efiDir().toString(), efi.toString(), embedded.toString(), "/grub2",
                concat(BootloaderInstaller.COMMON_MODULES, BootloaderInstaller.EFI_MODULES)).argv().toArray(String[]::new));
        assertEquals("MZ", new String(Files.readAllBytes(efi), 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static java.util.List<String> concat(java.util.List<String> a, java.util.List<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
