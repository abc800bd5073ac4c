package dev.cos.installer.tools;

import dev.cos.installer.process.Command;
import java.util.ArrayList;
import java.util.List;

/** argv builder for grub-mkimage, which builds a GRUB image with modules and a config embedded. Pure. */
public final class GrubMkimage {

    /** GRUB image formats this installer builds. */
    public enum Format {
        /** The UEFI binary, started by the firmware from the ESP. */
        X86_64_EFI("x86_64-efi"),
        /** The BIOS core.img, loaded by boot.img from the BIOS boot partition. */
        I386_PC("i386-pc");

        private final String grubName;

        Format(String grubName) {
            this.grubName = grubName;
        }

        /** The name GRUB gives the platform: its -O value and its module directory name. */
        public String grubName() {
            return grubName;
        }
    }

    private GrubMkimage() {
    }

    /**
     * @param moduleDir the platform's module directory (e.g. /usr/lib/grub/x86_64-efi)
     * @param embeddedConfig a config file run first by the image
     * @param prefix the prefix the image starts with (the config usually sets its own)
     */
    public static Command build(Format format, String moduleDir, String output, String embeddedConfig, String prefix,
                                List<String> modules) {
        List<String> argv = new ArrayList<>(List.of("grub-mkimage", "-O", format.grubName(), "-d", moduleDir,
                "-o", output, "-c", embeddedConfig, "-p", prefix));
        argv.addAll(modules);
        return Command.of(argv);
    }
}
