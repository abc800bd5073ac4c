package dev.cos.installer.app.host;

import dev.cos.installer.model.Firmware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the GUI may read about this machine without root: installed memory and the firmware it
 * booted with.
 *
 * @param ramBytes MemTotal of /proc/meminfo; empty when it cannot be read
 * @param firmware {@link Firmware#EFI} when /sys/firmware/efi exists, else {@link Firmware#BIOS}
 */
public record HostFacts(OptionalLong ramBytes, Firmware firmware) {

    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+)\\s*kB\\s*$");

    public HostFacts {
        Objects.requireNonNull(ramBytes, "ramBytes");
        Objects.requireNonNull(firmware, "firmware");
    }

    /** Reads the facts; may block on file reads, so call it off the UI thread. */
    @FunctionalInterface
    public interface Reader {
        HostFacts read();

        /** This machine. */
        static Reader system() {
            return under(Path.of("/"));
        }

        /** A machine whose /proc and /sys are under {@code root} (tests use a temporary tree). */
        static Reader under(Path root) {
            return () -> {
                OptionalLong ram;
                try {
                    ram = memTotalBytes(Files.readString(root.resolve("proc/meminfo")));
                } catch (IOException e) {
                    ram = OptionalLong.empty();
                }
                return new HostFacts(ram, Files.isDirectory(root.resolve("sys/firmware/efi")) ? Firmware.EFI : Firmware.BIOS);
            };
        }
    }

    /** The MemTotal line of /proc/meminfo in bytes (the kernel writes "kB" for KiB). Pure. */
    public static OptionalLong memTotalBytes(String procMeminfo) {
        Matcher m = MEM_TOTAL.matcher(procMeminfo);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    }
}
