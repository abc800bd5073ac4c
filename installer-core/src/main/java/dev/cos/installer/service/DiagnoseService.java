package dev.cos.installer.service;

import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.repair.Diagnoser;
import dev.cos.installer.repair.Diagnosis;
import dev.cos.installer.status.StatusReader;
import dev.cos.installer.installed.SystemLocation;

/** {@code diagnose}: read-only checks of an installed system. */
public final class DiagnoseService {

    private final Wiring wiring;

    public DiagnoseService(Wiring wiring) {
        this.wiring = wiring;
    }

    public Diagnosis diagnose(SystemLocation location) {
        wiring.root().require("diagnose");
        return wiring.withMountBase("diagnose", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                return new Diagnoser(wiring.runner(), wiring.opener(mountBase),
                        new StatusReader(wiring.runner(), wiring.freeSpace())).diagnose(location, cleanup);
            }
        });
    }
}
