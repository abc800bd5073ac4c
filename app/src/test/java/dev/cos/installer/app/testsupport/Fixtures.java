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
