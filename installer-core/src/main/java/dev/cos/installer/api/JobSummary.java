package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary} of each verb's {@code result} event (docs/progress-protocol.md). {@code unverified}
 * is written only when true: an http(s) image no digest checked was used. Inspect's summary is
 * {@link SourceInfo}.
 */
public final class JobSummary {

    private JobSummary() {
    }

    /**
     * {@code {"target", <partition name>: "<size> <label>", ..., "system", "log"}}: a field per partition,
     * named by its GPT name, in disk order.
     */
    public record Install(String target, Map<String, String> partitions, String system, String log, boolean unverified) {
        public Install {
            partitions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
        }

        @JsonValue
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target);
            json.putAll(partitions);
            json.put("system", system);
            json.put("log", log);
            if (unverified) {
                json.put("unverified", true);
            }
            return json;
        }

        @JsonCreator
        static Install read(Map<String, Object> json) {
            Map<String, String> partitions = new LinkedHashMap<>();
            json.forEach((key, value) -> {
                if (!List.of("target", "system", "log", "unverified").contains(key)) {
                    partitions.put(key, String.valueOf(value));
                }
            });
            return new Install(String.valueOf(json.getOrDefault("target", "")), partitions,
                    String.valueOf(json.getOrDefault("system", "")), String.valueOf(json.getOrDefault("log", "")),
                    Boolean.TRUE.equals(json.get("unverified")));
        }
    }

    /**
     * @param booted the slot the engine ran as
     * @param active the sources state.yaml now records; {@code active}/{@code passive} after a system
     *     upgrade, {@code recovery} after a recovery upgrade (the others absent: null here)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Upgrade(String booted, String source, String digest, String active, String passive, String recovery,
            String log, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unverified) {}

    public record Reset(String active, String passive, String persistent, String oem, String log,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unverified) {}

    /** @param fsck one check per partition, when --fsck ran */
    public record Repair(List<String> actions, List<FsckResult> fsck, String log) {
        public Repair {
            actions = List.copyOf(actions);
            fsck = List.copyOf(fsck);
        }
    }

    /**
     * @param result clean, repaired, errors, failed or not-checked
     * @param exitCode the checker's, -1 when it did not run
     * @param output the checker's first lines
     */
    public record FsckResult(String partition, String label, String device, String fs, String result, long exitCode,
            List<String> output) {
        public FsckResult {
            output = List.copyOf(output);
        }
    }

    public record Rollback(String active, String activeDigest, String passive, String passiveDigest, String log) {}
}
