package dev.cos.installer.service;

import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.repair.Diagnoser;
import dev.cos.installer.repair.Diagnosis;
import dev.cos.installer.status.StatusReader;

/** {@code diagnose}: read-only checks of an installed system. */
public record DiagnoseService(Wiring wiring) {

    public Diagnosis diagnose(SystemLocation location) {
        return wiring.asRoot("diagnose", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                return new Diagnoser(wiring.runner(), wiring.opener(mountBase),
                        new StatusReader(wiring.runner(), wiring.freeSpace())).diagnose(location, cleanup);
            }
        });
    }
}
