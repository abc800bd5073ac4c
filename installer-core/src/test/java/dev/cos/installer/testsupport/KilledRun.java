package dev.cos.installer.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What a CLI process killed part-way leaves behind (mounts, partition nodes, its loop device), released by name. */
public final class KilledRun {

    private KilledRun() {
    }

    /**
     * A killed run leaves its mounts and the loop device it attached to OUR image file: find them
     * by that file (losetup --associated), unmount, remove its empty mount dirs, detach by name.
     */
    public static void releaseLeftovers(Path image) {
        for (String line : Tools.run("losetup", "--associated", image.toString()).lines().toList()) {
            String loop = line.split(":", 2)[0];
            List<String[]> mounts = new ArrayList<>();
            try {
                for (String info : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                    String[] fields = info.split(" ");
                    int dash = List.of(fields).indexOf("-");
                    if (dash > 0 && fields[dash + 2].startsWith(loop + "p")) {
                        mounts.add(fields);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            mounts.sort(Comparator.comparing((String[] f) -> f[4].length()).reversed());
            for (String[] mount : mounts) {
                Tools.run("umount", mount[4]);
                Path dir = Path.of(mount[4]);
                if (dir.startsWith("/run/cos-installer")) {
                    Tools.execute("rmdir", dir.toString());
                    Tools.execute("rmdir", dir.getParent().toString());
                }
            }
            Tools.execute("partx", "--delete", loop);
            Tools.run("losetup", "--detach", loop);
        }
    }

}
