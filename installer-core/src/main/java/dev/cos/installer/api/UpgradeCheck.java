package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The engine's {@code upgrade-check --json} answer: where a container image source's tag points now
 * (a manifest HEAD, nothing downloaded) against the digest the running slot records
 * (docs/upgrade.md, "Update check"). The tray says "Update available" when they differ and then
 * upgrades from {@link #reference}, the digest it saw, not the tag again.
 *
 * @param source the source as configured (upgrade.system.uri) or given, e.g. {@code oci:reg/repo:1.1}
 * @param reference the source pinned to {@link #digest}, tag kept: {@code oci:reg/repo:1.1@sha256:...}
 * @param tag the tag asked for, "" when the source names a digest or a layout's only image
 * @param digest the digest the tag points at now
 * @param slot the slot compared with: the booted one (active or passive); active when booted from recovery
 * @param installedSource that slot's recorded source, "" when state.yaml has none
 * @param installedDigest that slot's recorded digest, "" when none
 * @param updateAvailable {@code digest} differs from {@code installedDigest}
 * @param signedBy with cosign verification on (config {@code cosign: true}): the fingerprint of the key
 *     whose signature of {@code digest} verified (an image without one is refused, not answered);
 *     "" and not written when verification is off
 */
public record UpgradeCheck(String source, String reference, String tag, String digest, String slot,
        String installedSource, String installedDigest, boolean updateAvailable,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String signedBy) {

    public UpgradeCheck {
        tag = tag == null ? "" : tag;
        installedSource = installedSource == null ? "" : installedSource;
        installedDigest = installedDigest == null ? "" : installedDigest;
        signedBy = signedBy == null ? "" : signedBy;
    }

    /** An answer with verification off. */
    public UpgradeCheck(String source, String reference, String tag, String digest, String slot, String installedSource,
            String installedDigest, boolean updateAvailable) {
        this(source, reference, tag, digest, slot, installedSource, installedDigest, updateAvailable, "");
    }
}
