package dev.cos.installer.app.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.cos.installer.app.engine.DiskList;
import dev.cos.installer.app.engine.InstallPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Engine answers captured from real CLI runs (src/test/resources/fixtures), read as the ProcessEngine reads them. */
public final class Fixtures {

    private static final ObjectMapper CAMEL = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper KEBAB = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);

    private Fixtures() {}

    /** {@code plan --json}: plan-8g-image.json (new file), plan-8g-existing-image.json, plan-16g-disk.json (/dev/loop0). */
    public static InstallPlan plan(String name) {
        return read(CAMEL, name, InstallPlan.class);
    }

    /** {@code disks --json}: disks.json, disks-loop.json (/dev/loop0 with EFI, rootfs and home partitions). */
    public static DiskList disks(String name) {
        return read(KEBAB, name, DiskList.class);
    }

    private static <T> T read(ObjectMapper mapper, String name, Class<T> type) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return mapper.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
