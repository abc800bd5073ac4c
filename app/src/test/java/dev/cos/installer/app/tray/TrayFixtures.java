package dev.cos.installer.app.tray;

import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.api.StatusAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engine answers captured from real offline runs of the CLI on an 8 GiB image file
 * (src/test/resources/fixtures/tray, README.md there says how): installed 1.0, upgraded to 2.0, the fallback
 * (status as booted passive after the upgrade), a rehearsal request, a rollback --swap and a configured
 * upgrade source.
 */
final class TrayFixtures {

    private TrayFixtures() {}

    /** {@code status --json}: status-installed-active.json, status-upgraded-fallback.json, ... */
    static StatusAnswer status(String name) {
        return parse(text(name));
    }

    /** A captured status whose configured source (upgradeSource) is {@code source} instead. */
    static StatusAnswer statusWithSource(String name, String source) {
        return statusWithSource(name, source, false);
    }

    /** As {@link #statusWithSource(String, String)}; {@code allowUnverified}: config.yaml has upgrade.allow-unverified: true. */
    static StatusAnswer statusWithSource(String name, String source, boolean allowUnverified) {
        String json = text(name);
        String edited = json.replaceFirst("\"upgradeSource\":(null|\"[^\"]*\")", "\"upgradeSource\":\"" + source + "\""
                + ",\"upgradeAllowUnverified\":" + allowUnverified);
        if (edited.equals(json)) {
            throw new IllegalStateException("no upgradeSource in tray/" + name);
        }
        return parse(edited);
    }

    /** The pinned digest of the registry image 1.1 the container fixtures use. */
    static final String DIGEST_11 = "sha256:3f5a9c0e1b2d4f6a8c7e9d0b1a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";

    /**
     * status-installed-active.json with active installed from a registry instead (oci:...@sha256 pinned, tag 1.1,
     * as status --json writes a container slot: the active image of contract/status-full.json of installer-core).
     */
    static StatusAnswer statusWithContainerActive() {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                    dev.cos.installer.api.Json.mapper().readTree(text("status-installed-active.json"));
            com.fasterxml.jackson.databind.node.ObjectNode active = (com.fasterxml.jackson.databind.node.ObjectNode)
                    root.path("images").path("active");
            active.put("source", "oci:registry.example.org/cos/system@" + DIGEST_11);
            active.put("digest", DIGEST_11);
            active.put("tag", "1.1");
            return parse(root.toString());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StatusAnswer parse(String json) {
        try {
            return dev.cos.installer.api.Json.read(json, StatusAnswer.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code --progress=json} stream: upgrade-2.0.jsonl, rollback-swap.jsonl, inspect-2.0.jsonl. */
    static List<Event> events(String name) {
        return text(name).lines().map(dev.cos.installer.api.Json::event).flatMap(Optional::stream).toList();
    }

    /** inspect of the demo image 2.0, as ProcessEngine makes it from the result's summary. */
    static SourceInfo demo20() {
        List<Event> events = events("inspect-2.0.jsonl");
        return ((Event.Result) events.get(events.size() - 1)).summary(SourceInfo.class);
    }

    /** The demo image 2.0 downloaded from {@code url} with no digest published (inspect --allow-unverified). */
    static SourceInfo demo20Unverified(String url) {
        SourceInfo d = demo20();
        return new SourceInfo(url, d.name(), d.version(), d.bytes(), d.treeBytes(), d.digest(), true);
    }

    private static String text(String name) {
        try (InputStream in = TrayFixtures.class.getResourceAsStream("/fixtures/tray/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture tray/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
