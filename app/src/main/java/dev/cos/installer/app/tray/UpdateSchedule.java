package dev.cos.installer.app.tray;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How often the tray asks a configured container image source for a new digest (a manifest HEAD,
 * nothing downloaded): {@code -Dcos.tray.check-hours=N} or {@code COS_TRAY_CHECK_HOURS=N} (the property
 * wins), default 6 hours; 0 checks only at start and on Refresh (docs/tray.md).
 *
 * @param every the period; empty: no periodic check
 */
public record UpdateSchedule(Optional<Duration> every) {

    public static final int DEFAULT_HOURS = 6;

    /**
     * From the system property and the environment. A value that is not a whole number of hours is
     * logged and the default used: the tray starts at every login and must not fail over it.
     */
    public static UpdateSchedule from(Function<String, String> properties, Map<String, String> environment) {
        String text = Optional.ofNullable(properties.apply("cos.tray.check-hours"))
                .or(() -> Optional.ofNullable(environment.get("COS_TRAY_CHECK_HOURS"))).map(String::strip)
                .orElse(String.valueOf(DEFAULT_HOURS));
        int hours;
        try {
            hours = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 0) {
            org.slf4j.LoggerFactory.getLogger(UpdateSchedule.class).warn("tray: the update check's period (cos.tray.check-hours"
                    + " or COS_TRAY_CHECK_HOURS) is a whole number of hours, 0 for none, not '{}': every {} hours", text,
                    DEFAULT_HOURS);
            hours = DEFAULT_HOURS;
        }
        return new UpdateSchedule(hours == 0 ? Optional.empty() : Optional.of(Duration.ofHours(hours)));
    }
}
