package dev.cos.installer.service;

import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.model.Firmware;
import java.util.List;

/** {@code check}: whether this machine can run an install. Reads only. */
public record CheckService(Wiring wiring) {

    /** The tools an install needs (found or missing) and the firmware the machine booted with. */
    public record Readiness(List<RequiredTools.ToolStatus> tools, Firmware firmware) {}

    public Readiness check() {
        return new Readiness(wiring.tools().status(), wiring.firmware().detect());
    }
}
