package dev.cos.installer.app.testsupport;

import dev.cos.installer.api.Json;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.SystemCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The engine answers captured from the real CLI (src/test/resources/fixtures), read as ProcessEngine reads them. */
public final class Fixtures {


    private Fixtures() {}

    /** disks --json with /dev/vda only (holds the running system): no disk can be installed on. */
    public static DiskList vdaOnly() {
        return read("disks.json", DiskList.class);
    }

    /**
     * disks --json with five loop devices attached: loop0 an 8 GiB cOS install (partx'd), loop1 an
     * empty 8 GiB, loop2 1 GiB (too small), loop3 mounted, loop4 read-only; and /dev/vda.
     */
    public static DiskList loops() {
        return read("disks-loops.json", DiskList.class);
    }

    /** check --json on this machine: every tool present, BIOS firmware. */
    public static SystemCheck check() {
        return read("check.json", SystemCheck.class);
    }

    /** plan --json for a new 8 GiB image file with the demo image. */
    public static InstallPlan plan8g() {
        return read("plan-8g-image.json", InstallPlan.class);
    }

    /** {@code plan --json}: plan-8g-image.json (new file), plan-8g-existing-image.json, plan-16g-disk.json (/dev/loop0). */
    public static InstallPlan plan(String name) {
        return read(name, InstallPlan.class);
    }

    /** {@code disks --json}: disks.json, disks-loop.json (/dev/loop0 with EFI, rootfs and home partitions). */
    public static DiskList disks(String name) {
        return read(name, DiskList.class);
    }

    /**
     * {@code diagnose --json --target IMG --as-booted recovery} on a fresh 8 GiB demo install:
     * diagnose-healthy.json, diagnose-oem-damaged.json (COS_OEM's root inode cleared with debugfs),
     * diagnose-after-fsck.json (the same after {@code repair --fsck --yes-fix}: COS_OEM:/grubenv missing).
     */
    public static dev.cos.installer.api.DiagnoseAnswer diagnosis(String name) {
        return read(name, dev.cos.installer.api.DiagnoseAnswer.class);
    }

    /** {@code repair --describe --json}. */
    public static dev.cos.installer.api.RepairCatalog repairCatalog() {
        return read("repair-describe.json", dev.cos.installer.api.RepairCatalog.class);
    }

    /**
     * A {@code --progress=json} run's events: repair-fsck-oem-failed.jsonl ({@code --fsck --partition
     * COS_OEM} without --yes-fix on the damaged image: FILESYSTEM), repair-fsck-yes.jsonl, repair-grub-env.jsonl.
     */
    public static java.util.List<dev.cos.installer.api.Event> events(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(dev.cos.installer.api.Json::event).flatMap(java.util.Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String name, Class<T> type) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return Json.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
