package dev.cos.installer.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the GRUB configs from the templates next to this class ({@code grub.cfg},
 * {@code embedded.cfg}): {@code @NAME@} placeholders are replaced, and a template left with one
 * is a bug. Pure.
 */
public final class GrubConfigs {

    /** What GRUB's script may safely carry unquoted: a filesystem label or a number. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    private GrubConfigs() {
    }

    /**
     * COS_STATE:/grub2/grub.cfg and its copy on COS_RECOVERY: the menu, the slot choice and the boot
     * assessment, with the layout's labels as defaults (the copy must find COS_STATE and COS_RECOVERY
     * when COS_STATE holds nothing).
     */
    public static String grubCfg(int timeoutSeconds, BootEnvironment.Labels labels) {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("a negative GRUB timeout: " + timeoutSeconds);
        }
        return render("grub.cfg", Map.of("TIMEOUT_SECONDS", Integer.toString(timeoutSeconds),
                "STATE_LABEL", labels.state(), "RECOVERY_LABEL", labels.recovery(), "OEM_LABEL", labels.oem(),
                "PERSISTENT_LABEL", labels.persistent()));
    }

    /**
     * The config embedded in the GRUB images: loads grub.cfg from the filesystem labelled
     * {@code stateLabel}, or, when that has none (COS_STATE just reformatted), the copy on the one
     * labelled {@code recoveryLabel}.
     */
    public static String embeddedCfg(String stateLabel, String recoveryLabel) {
        return render("embedded.cfg", Map.of("STATE_LABEL", stateLabel, "RECOVERY_LABEL", recoveryLabel));
    }

    static String render(String template, Map<String, String> values) {
        String text = resource(template);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("template " + template + " has no value for @" + name + "@");
            }
            if (!SAFE_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("'" + value + "' cannot go into a GRUB script as " + name
                        + ": use letters, digits, '_', '.' or '-'");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = GrubConfigs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + GrubConfigs.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
