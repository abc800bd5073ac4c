package dev.cos.installer.cli;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.Slot;
import dev.cos.installer.installed.MountBases;
import dev.cos.installer.installed.SystemLocation;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which installed system a verb works on: {@code --target} offline, or the running system. */
final class SystemOptions {

    @Option(names = "--target", paramLabel = "DISK",
            description = "Work offline on this disk image file or block device instead of the running system.")
    Path target;

    @Option(names = "--as-booted", paramLabel = "SLOT",
            description = "With --target: act as if booted from active, passive or recovery.")
    String asBooted;

    /** @param needsSlot whether an offline run must say which slot it acts as booted from */
    SystemLocation location(boolean needsSlot) {
        Optional<Slot> slot = Optional.ofNullable(asBooted).map(name -> Slot.fromCliName(name).orElseThrow(() ->
                new InstallerException(ErrorCode.USAGE, "invalid --as-booted '" + name + "': use active, passive or recovery")));
        if (target == null) {
            if (slot.isPresent()) {
                throw new InstallerException(ErrorCode.USAGE, "--as-booted needs --target: the running system's slot"
                        + " comes from its kernel command line");
            }
            return new SystemLocation.Online();
        }
        if (needsSlot && slot.isEmpty()) {
            throw new InstallerException(ErrorCode.USAGE, "--target needs --as-booted active|passive|recovery: which slot"
                    + " the system would be running from decides what the upgrade keeps");
        }
        return new SystemLocation.Offline(target, slot);
    }

    /**
     * Runs {@code work} with a private mount directory for this verb (MountBases: it also removes the
     * empty ones killed runs left), removed afterwards.
     */
    static <T> T withMountBase(String verb, java.util.function.Function<Path, T> work) {
        Path mountBase = MountBases.create(MountBases.RUN_DIR, verb);
        try {
            return work.apply(mountBase);
        } finally {
            MountBases.remove(mountBase);
        }
    }
}
