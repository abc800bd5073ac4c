package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code facts} of each verb's {@code start} event (docs/progress-protocol.md): what the job is
 * about to change, in words for people ({@code log} the engine's log file).
 */
public final class JobFacts {

    private JobFacts() {
    }

    /**
     * @param target the disk or file and its size, e.g. "/tmp/disk.img (8.0 GiB)"
     * @param unverified an http(s) image no digest checked is being installed (written only when true)
     */
    public record Install(String target, String source, String digest, String firmware, String log,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unverified) {}

    /** @param image "recovery" or "system (active/passive)" */
    public record Upgrade(String target, String source, String image, String log) {}

    /** @param persistent "kept" or "reformatted", as {@code oem} */
    public record Reset(String target, String source, String persistent, String oem, String log) {}

    /** @param actions the repairs asked for, e.g. "fsck (-p), bootloader" */
    public record Repair(String target, String actions, String log) {}

    public record Rollback(String target, String log) {}
}
