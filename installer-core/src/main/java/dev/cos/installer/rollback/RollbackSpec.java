package dev.cos.installer.rollback;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.installed.SystemLocation;
import java.util.function.Supplier;

/** What {@code rollback} was asked to do: swap passive and active of the system at {@code location}. */
public record RollbackSpec(SystemLocation location) {

    /** @param swap whether --swap was given: the one kind of rollback that changes images, so it must be asked for */
    public static RollbackSpec of(boolean swap, Supplier<SystemLocation> location) {
        if (!swap) {
            throw new InstallerException(ErrorCode.USAGE, "give --swap to make passive the active system, or use"
                    + " 'bootentry --select passive' to boot it without changing the images");
        }
        return new RollbackSpec(location.get());
    }
}
