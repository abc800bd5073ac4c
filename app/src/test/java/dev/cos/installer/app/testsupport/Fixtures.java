package dev.cos.installer.app.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cos.installer.app.engine.DiskList;
import dev.cos.installer.app.engine.InstallPlan;
import dev.cos.installer.app.engine.SystemCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The engine answers captured from the real CLI (src/test/resources/fixtures), read as ProcessEngine reads them. */
public final class Fixtures {

    private static final ObjectMapper KEBAB = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    private static final ObjectMapper CAMEL = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Fixtures() {}

    /** disks --json with /dev/vda only (holds the running system): no disk can be installed on. */
    public static DiskList vdaOnly() {
        return read("disks.json", KEBAB, DiskList.class);
    }

    /**
     * disks --json with five loop devices attached: loop0 an 8 GiB cOS install (partx'd), loop1 an
     * empty 8 GiB, loop2 1 GiB (too small), loop3 mounted, loop4 read-only; and /dev/vda.
     */
    public static DiskList loops() {
        return read("disks-loops.json", KEBAB, DiskList.class);
    }

    /** check --json on this machine: every tool present, BIOS firmware. */
    public static SystemCheck check() {
        return read("check.json", KEBAB, SystemCheck.class);
    }

    /** plan --json for a new 8 GiB image file with the demo image. */
    public static InstallPlan plan8g() {
        return read("plan-8g-image.json", CAMEL, InstallPlan.class);
    }

    /** {@code plan --json}: plan-8g-image.json (new file), plan-8g-existing-image.json, plan-16g-disk.json (/dev/loop0). */
    public static InstallPlan plan(String name) {
        return read(name, CAMEL, InstallPlan.class);
    }

    /** {@code disks --json}: disks.json, disks-loop.json (/dev/loop0 with EFI, rootfs and home partitions). */
    public static DiskList disks(String name) {
        return read(name, KEBAB, DiskList.class);
    }

    /**
     * {@code diagnose --json --target IMG --as-booted recovery} on a fresh 8 GiB demo install:
     * diagnose-healthy.json, diagnose-oem-damaged.json (COS_OEM's root inode cleared with debugfs),
     * diagnose-after-fsck.json (the same after {@code repair --fsck --yes-fix}: COS_OEM:/grubenv missing).
     */
    public static dev.cos.installer.app.engine.Diagnosis diagnosis(String name) {
        return read(name, CAMEL, dev.cos.installer.app.engine.Diagnosis.class);
    }

    /** {@code repair --describe --json}. */
    public static dev.cos.installer.app.engine.RepairCatalog repairCatalog() {
        return read("repair-describe.json", CAMEL, dev.cos.installer.app.engine.RepairCatalog.class);
    }

    /**
     * A {@code --progress=json} run's events: repair-fsck-oem-failed.jsonl ({@code --fsck --partition
     * COS_OEM} without --yes-fix on the damaged image: FILESYSTEM), repair-fsck-yes.jsonl, repair-grub-env.jsonl.
     */
    public static java.util.List<dev.cos.installer.app.engine.EngineEvent> events(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(dev.cos.installer.app.engine.EngineEvents::parse).flatMap(java.util.Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String name, ObjectMapper mapper, Class<T> type) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
