package dev.cos.installer.app.widgets;

import java.net.URL;
import java.util.Objects;

/**
 * The default look of the app's own widgets and page parts ({@code widgets.css}), used as their
 * user-agent stylesheet: the theme's author sheets override any of it. Colours there are derived
 * from the theme's looked-up colours; the partition role colours are variables a theme may redefine.
 */
public final class Widgets {

    private static final URL SHEET = Objects.requireNonNull(Widgets.class.getResource("widgets.css"), "widgets.css");

    private Widgets() {}

    public static String stylesheet() {
        return SHEET.toExternalForm();
    }
}
