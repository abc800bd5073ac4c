package dev.cos.installer.app.widgets;

import dev.cos.installer.source.ContainerSource;

/**
 * Where an installed slot's system came from, as the tray window and the recovery screen show it
 * (status' per-slot source, digest and tag). A container image is named by its tag and a short digest
 * ({@code oci:reg/repo:1.1}, {@code sha256:3f5a9c0e1b2d…}); the full pinned reference and digest stay
 * available for tooltips and copying. Other sources are shown as state.yaml records them.
 *
 * @param shown the reference to show: for a container image its tag in place of the digest, when it had one
 * @param shownDigest the short digest for a container image, else the digest in full
 * @param source the source as recorded (a container image: pinned by digest)
 * @param digest the digest in full
 */
public record SlotSource(String shown, String shownDigest, String source, String digest) {

    public static SlotSource of(String source, String digest, String tag) {
        if (!ContainerSource.isContainer(source)) {
            return new SlotSource(source, digest, source, digest);
        }
        int at = source.lastIndexOf("@sha256:");
        String shown = tag.isBlank() || at < 0 ? source : source.substring(0, at) + ":" + tag;
        return new SlotSource(shown, ContainerFacts.shortDigest(digest), source, digest);
    }

    /** "oci:reg/repo:1.1 (sha256:3f5a9c0e1b2d…)", a short digest for every source; "" when the source is not known. */
    public String line() {
        if (shown.isBlank()) {
            return "";
        }
        return digest.isBlank() ? shown : shown + " (" + ContainerFacts.shortDigest(digest) + ")";
    }
}
