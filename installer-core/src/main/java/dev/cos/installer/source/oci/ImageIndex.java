package dev.cos.installer.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An image index (OCI) or manifest list (Docker schema 2): one manifest per platform. */
public record ImageIndex(String mediaType, List<Descriptor> manifests) {

    public ImageIndex {
        Objects.requireNonNull(mediaType, "mediaType");
        manifests = List.copyOf(manifests);
    }

    /**
     * @param what the index for messages
     * @throws dev.cos.installer.error.InstallerException SOURCE when it is not an index
     */
    public static ImageIndex parse(ManifestBytes index, String what) {
        JsonNode node = OciJson.read(index.bytes(), what);
        String mediaType = OciJson.optionalText(node, "mediaType").orElse(index.mediaType());
        if (!MediaTypes.isIndex(mediaType) && !MediaTypes.isIndex(index.mediaType())) {
            throw OciJson.invalid(what, "is of the type '" + mediaType + "', not an image index");
        }
        return new ImageIndex(MediaTypes.isIndex(mediaType) ? mediaType : index.mediaType(),
                OciJson.descriptors(node, "manifests", what));
    }

    /**
     * The manifest entry for {@code platform}: the first image manifest whose platform it accepts
     * (attestation and other non-image entries are skipped).
     */
    public Optional<Descriptor> forPlatform(Platform platform) {
        return manifests.stream()
                .filter(d -> MediaTypes.isManifest(d.mediaType()) || d.mediaType().isEmpty())
                .filter(d -> d.platform().filter(platform::accepts).isPresent())
                .findFirst();
    }

    /** The platforms it has images for, as people read them ("linux/amd64, linux/arm64/v8"). */
    public List<Platform> platforms() {
        return manifests.stream().flatMap(d -> d.platform().stream())
                .filter(p -> !p.os().equals("unknown")).distinct().toList();
    }
}
