package dev.cos.installer.service;

import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.status.StatusReader;
import dev.cos.installer.status.SystemStatus;
import dev.cos.installer.installed.SystemLocation;

/** {@code status}: the booted slot, the images, free space and the boot assessment; reads only. */
public final class StatusService {

    private final Wiring wiring;

    public StatusService(Wiring wiring) {
        this.wiring = wiring;
    }

    public SystemStatus status(SystemLocation location) {
        wiring.root().require("status");
        return wiring.withMountBase("status", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                return new StatusReader(wiring.runner(), wiring.freeSpace())
                        .read(wiring.opener(mountBase).open(location, false, cleanup));
            }
        });
    }
}
