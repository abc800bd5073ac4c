package dev.cos.installer.service;

import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.status.StatusReader;
import dev.cos.installer.status.SystemStatus;

/** {@code status}: the booted slot, the images, free space and the boot assessment; reads only. */
public record StatusService(Wiring wiring) {

    public SystemStatus status(SystemLocation location) {
        return wiring.asRoot("status", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                return new StatusReader(wiring.runner(), wiring.freeSpace())
                        .read(wiring.opener(mountBase).open(location, false, cleanup));
            }
        });
    }
}
