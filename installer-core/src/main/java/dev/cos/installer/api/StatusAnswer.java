package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@code status --json} answer (docs/upgrade.md, docs/repair.md): which slot booted, the
 * three images, free space, the boot state, a fallback, a rollback rehearsal's result and the history.
 * JSON nulls become empty values; unknown fields are ignored (the engine only ever adds fields).
 *
 * @param booted active, passive, recovery or offline
 * @param date state.yaml's date (ISO text), empty when unknown
 * @param images by slot (active, passive, recovery), in that order
 * @param freeBytes free bytes by partition label (COS_STATE, COS_RECOVERY)
 * @param nextUpgradeBytes what the next upgrade's transition image needs on COS_STATE
 * @param nextUpgradeFits whether that fits in COS_STATE's free space
 * @param grubenv the variables of COS_OEM:/grubenv
 * @param bootNotes sentences about the boot state (pending tries, next entry, a fallback)
 * @param fallback present when the system runs passive because active failed to boot
 * @param rehearsal the last rollback rehearsal, when one was requested
 * @param history install, upgrades, rollbacks, fallbacks ... oldest first
 * @param upgradeSource upgrade.system.uri of the config, when an administrator set one
 * @param upgradeAllowUnverified upgrade.allow-unverified of the config: the administrator allowed the
 *     configured source to be used without a published digest
 * @param skippedSlots slots GRUB marked failed and skips on every boot (active, passive) until an upgrade,
 *     a rollback or a boot-entry choice
 * @param restart present when active.img is not the system that runs and the next start starts it
 */
public record StatusAnswer(String booted, String date, Map<String, Image> images, Map<String, Long> freeBytes,
        long nextUpgradeBytes, boolean nextUpgradeFits, Map<String, String> grubenv, List<String> bootNotes,
        Optional<Fallback> fallback, Optional<Rehearsal> rehearsal, List<HistoryEntry> history,
        Optional<String> upgradeSource, boolean upgradeAllowUnverified, List<String> skippedSlots,
        Optional<Restart> restart) {

    /**
     * One system image. {@code version}/{@code prettyName} are empty when the engine could not read them;
     * {@code tag} is a container image's tag (its {@code source} names the digest), empty otherwise.
     */
    public record Image(String slot, String file, boolean present, String version, String prettyName, String source,
            String digest, long sourceBytes, String fs, long imageBytes, String tag) {

        /** An image whose source has no tag. */
        public Image(String slot, String file, boolean present, String version, String prettyName, String source,
                     String digest, long sourceBytes, String fs, long imageBytes) {
            this(slot, file, present, version, prettyName, source, digest, sourceBytes, fs, imageBytes, "");
        }
    }

    /** A slot named in a fallback. */
    public record Slot(String slot, String version, String source, String digest) {
        ObjectNode json() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("slot", slot);
            node.put("version", orNull(version));
            node.put("source", source);
            node.put("digest", digest);
            return node;
        }
    }

    /**
     * {@code failed} did not boot, so the computer runs {@code running}.
     *
     * @param to passive, or recovery when neither active nor passive could boot
     * @param failed the first slot that failed (active)
     * @param failedSlots every slot that failed, in the order GRUB tried them (active; or active, passive)
     */
    public record Fallback(String to, Slot failed, List<Slot> failedSlots, Slot running) {
        public Fallback {
            failedSlots = List.copyOf(failedSlots);
        }

        public boolean toRecovery() {
            return "recovery".equals(to);
        }

        /** {@code failed} stays the first failed image (active), as before fallbacks to recovery were told. */
        ObjectNode json() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("to", to);
            node.set("failed", failed.json());
            ArrayNode slots = node.putArray("failedSlots");
            failedSlots.forEach(s -> slots.add(s.json()));
            node.set("running", running.json());
            return node;
        }
    }

    /**
     * A restart is needed (read from the disk by the engine, not remembered by the GUI).
     *
     * @param installed active.img, which the next start starts
     * @param running the system that runs (offline: that last came up), when it is still on disk
     * @param sentence the engine's words: "restart needed: 2.0 installed, 1.0 running"
     */
    public record Restart(Slot installed, Optional<Slot> running, String sentence) {}

    /**
     * @param requestedAt ISO time, empty when unknown
     * @param result pending, passed or failed
     * @param reason a sentence for a person
     */
    public record Rehearsal(String requestedAt, String result, String reason) {}

    /** One line of COS_STATE:/history.jsonl: {@code details} are its other fields (source, version, ...). */
    public record HistoryEntry(String time, String kind, Map<String, String> details) {
        public String detail(String name) {
            return details.getOrDefault(name, "");
        }
    }

    public StatusAnswer {
        // Copies that keep the engine's order (active, passive, recovery): the window lists them so.
        images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
        freeBytes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(freeBytes));
        grubenv = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grubenv));
        bootNotes = List.copyOf(bootNotes);
        history = List.copyOf(history);
        skippedSlots = List.copyOf(skippedSlots);
    }

    public Optional<Image> image(String slot) {
        return Optional.ofNullable(images.get(slot));
    }

    /** Free bytes on COS_STATE (by its label; 0 when not reported). */
    public long stateFreeBytes() {
        return freeBytes.entrySet().stream().filter(e -> e.getKey().contains("STATE")).mapToLong(Map.Entry::getValue)
                .findFirst().orElse(0);
    }

    /** Reads {@code status --json}: JSON nulls become empty values, unknown fields are ignored. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static StatusAnswer read(JsonNode root) {
        Map<String, Image> images = new LinkedHashMap<>();
        root.path("images").fields().forEachRemaining(e -> {
            JsonNode node = e.getValue();
            images.put(e.getKey(), new Image(e.getKey(), text(node, "file"), node.path("present").asBoolean(false),
                    text(node, "version"), text(node, "prettyName"), text(node, "source"), text(node, "digest"),
                    node.path("sourceBytes").asLong(0), text(node, "fs"), node.path("imageBytes").asLong(0), text(node, "tag")));
        });
        Map<String, Long> free = new LinkedHashMap<>();
        root.path("freeBytes").fields().forEachRemaining(e -> free.put(e.getKey(), e.getValue().asLong(0)));
        Map<String, String> grubenv = new LinkedHashMap<>();
        root.path("grubenv").fields().forEachRemaining(e -> grubenv.put(e.getKey(), e.getValue().asText("")));
        List<String> notes = new ArrayList<>();
        root.path("bootNotes").forEach(n -> notes.add(n.asText("")));
        JsonNode fb = root.path("fallback");
        Optional<Fallback> fallback = fb.isObject() ? Optional.of(fallback(fb)) : Optional.empty();
        JsonNode rh = root.path("rehearsal");
        Optional<Rehearsal> rehearsal = rh.isObject()
                ? Optional.of(new Rehearsal(text(rh, "requestedAt"), text(rh, "result"), text(rh, "reason")))
                : Optional.empty();
        List<HistoryEntry> history = new ArrayList<>();
        root.path("history").forEach(h -> {
            Map<String, String> details = new LinkedHashMap<>();
            h.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("time") && !e.getKey().equals("kind")) {
                    details.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText(""));
                }
            });
            history.add(new HistoryEntry(text(h, "time"), text(h, "kind"), details));
        });
        String source = text(root, "upgradeSource");
        List<String> skipped = new ArrayList<>();
        root.path("skippedSlots").forEach(n -> skipped.add(n.asText("")));
        JsonNode rs = root.path("restart");
        Optional<Restart> restart = rs.isObject() ? Optional.of(new Restart(slot(rs.path("installed")),
                rs.path("running").isObject() ? Optional.of(slot(rs.path("running"))) : Optional.empty(),
                text(rs, "sentence"))) : Optional.empty();
        return new StatusAnswer(text(root, "booted"), text(root, "date"), images, free,
                root.path("nextUpgradeBytes").asLong(0), root.path("nextUpgradeFits").asBoolean(false), grubenv, notes,
                fallback, rehearsal, history, source.isBlank() ? Optional.empty() : Optional.of(source),
                root.path("upgradeAllowUnverified").asBoolean(false), skipped, restart);
    }

    /**
     * The JSON of docs/upgrade.md, in its order: absent values are null there, for scripts (a version or
     * name the engine could not read, no fallback, no restart, no rehearsal, no configured source).
     */
    @JsonValue
    ObjectNode json() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("booted", booted);
        root.put("date", date);
        ObjectNode imageNodes = root.putObject("images");
        images.forEach((slot, image) -> {
            ObjectNode node = imageNodes.putObject(slot);
            node.put("file", image.file());
            node.put("present", image.present());
            node.put("version", orNull(image.version()));
            node.put("prettyName", orNull(image.prettyName()));
            node.put("source", image.source());
            node.put("digest", image.digest());
            node.put("tag", orNull(image.tag()));
            node.put("sourceBytes", image.sourceBytes());
            node.put("fs", image.fs());
            node.put("imageBytes", image.imageBytes());
        });
        root.set("freeBytes", Json.mapper().valueToTree(freeBytes));
        root.put("nextUpgradeBytes", nextUpgradeBytes);
        root.put("nextUpgradeFits", nextUpgradeFits);
        root.set("grubenv", Json.mapper().valueToTree(grubenv));
        root.set("bootNotes", Json.mapper().valueToTree(bootNotes));
        root.set("fallback", fallback.map(f -> (JsonNode) f.json()).orElse(NullNode.getInstance()));
        root.set("skippedSlots", Json.mapper().valueToTree(skippedSlots));
        root.set("restart", restart.map(r -> {
            ObjectNode node = Json.mapper().createObjectNode();
            node.set("installed", r.installed().json());
            node.set("running", r.running().map(s -> (JsonNode) s.json()).orElse(NullNode.getInstance()));
            node.put("sentence", r.sentence());
            return (JsonNode) node;
        }).orElse(NullNode.getInstance()));
        root.set("rehearsal", rehearsal.map(r -> {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("requestedAt", orNull(r.requestedAt()));
            node.put("result", r.result());
            node.put("reason", r.reason());
            return (JsonNode) node;
        }).orElse(NullNode.getInstance()));
        ArrayNode historyNodes = root.putArray("history");
        history.forEach(event -> {
            ObjectNode node = historyNodes.addObject();
            node.put("time", event.time());
            node.put("kind", event.kind());
            event.details().forEach(node::put);
        });
        root.put("upgradeSource", upgradeSource.orElse(null));
        root.put("upgradeAllowUnverified", upgradeAllowUnverified);
        return root;
    }

    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** An engine from before fallbacks to recovery has no "to" and no "failedSlots": a fallback to passive. */
    private static Fallback fallback(JsonNode node) {
        Slot failed = slot(node.path("failed"));
        List<Slot> failedSlots = new ArrayList<>();
        node.path("failedSlots").forEach(n -> failedSlots.add(slot(n)));
        String to = text(node, "to");
        return new Fallback(to.isBlank() ? "passive" : to, failed, failedSlots.isEmpty() ? List.of(failed) : failedSlots,
                slot(node.path("running")));
    }

    private static Slot slot(JsonNode node) {
        return new Slot(text(node, "slot"), text(node, "version"), text(node, "source"), text(node, "digest"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText("");
    }
}
