package dev.cos.installer.config;

import dev.cos.installer.model.Firmware;
import java.util.Locale;
import java.util.Optional;

/** Parses the CLI's {@code --firmware efi|bios|hybrid|auto}. */
public final class FirmwareArg {

    public static final String AUTO = "auto";

    private FirmwareArg() {}

    /**
     * The firmware asked for; empty for {@code auto} (detect it). Case is ignored.
     *
     * @throws IllegalArgumentException for anything else, listing the valid values
     */
    public static Optional<Firmware> parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (word.equals(AUTO)) {
            return Optional.empty();
        }
        for (Firmware firmware : Firmware.values()) {
            if (firmware.cliName().equals(word)) {
                return Optional.of(firmware);
            }
        }
        throw new IllegalArgumentException("unknown firmware '" + text + "': use efi, bios, hybrid or auto");
    }
}
