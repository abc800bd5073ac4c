package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How often the tray asks the configured container image for a new digest (docs/tray.md). */
class UpdateScheduleTest {

    private static UpdateSchedule from(String property, Map<String, String> env) {
        return UpdateSchedule.from(name -> name.equals("cos.tray.check-hours") ? property : null, env);
    }

    @Test
    void everySixHoursUnlessTheVariableOrThePropertySaysOtherwise() {
        assertEquals(Optional.of(Duration.ofHours(6)), from(null, Map.of()).every());
        assertEquals(Optional.of(Duration.ofHours(24)), from(null, Map.of("COS_TRAY_CHECK_HOURS", "24")).every());
        assertEquals(Optional.of(Duration.ofHours(1)), from("1", Map.of("COS_TRAY_CHECK_HOURS", "24")).every(), "the property wins");
        assertEquals(Optional.empty(), from("0", Map.of()).every(), "0: at start and on Refresh only");
        assertEquals(Optional.of(Duration.ofHours(6)), from("soon", Map.of()).every(), "not a number: the default, logged");
    }
}
