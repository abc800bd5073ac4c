package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.status.Fallback;
import dev.cos.installer.status.SystemStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code fallback} object of {@code status --json} (docs/upgrade.md). */
class StatusFallbackJsonTest {

    private static SystemStatus.Image image(String slot, String version) {
        return new SystemStatus.Image(slot, "", true, Optional.of(version), Optional.empty(), "dir:///" + slot,
                "sha256:" + slot, 1, "ext2", 1);
    }

    @Test
    void aFallbackToRecoveryListsBothFailedSlotsAndKeepsFailedAsTheFirst() throws Exception {
        Fallback fallback = new Fallback(List.of(image("active", "2.0"), image("passive", "1.0")), image("recovery", "0.9"));
        assertEquals("{\"to\":\"recovery\","
                + "\"failed\":{\"slot\":\"active\",\"version\":\"2.0\",\"source\":\"dir:///active\",\"digest\":\"sha256:active\"},"
                + "\"failedSlots\":[{\"slot\":\"active\",\"version\":\"2.0\",\"source\":\"dir:///active\",\"digest\":\"sha256:active\"},"
                + "{\"slot\":\"passive\",\"version\":\"1.0\",\"source\":\"dir:///passive\",\"digest\":\"sha256:passive\"}],"
                + "\"running\":{\"slot\":\"recovery\",\"version\":\"0.9\",\"source\":\"dir:///recovery\",\"digest\":\"sha256:recovery\"}}",
                new ObjectMapper().writeValueAsString(StatusCommand.fallbackJson(fallback)));
    }
}
