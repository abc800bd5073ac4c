package dev.cos.installer.install;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may attach loop devices, partition and mount: it must run as root. */
public final class Privileges {

    private Privileges() {
    }

    /** The effective uid, from /proc/self/status ("Uid: real effective saved fs"). */
    public static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static void requireRoot(String verb) {
        if (effectiveUid() != 0) {
            throw new InstallerException(ErrorCode.NOT_ROOT, verb + " must run as root (it partitions, formats and mounts):"
                    + " run it with sudo, or from the installer GUI, which asks for permission through pkexec");
        }
    }
}
