package dev.cos.installer.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest (OCI, or Docker schema 2): the config blob and the layers, lowest first.
 *
 * @param mediaType the manifest's own media type
 * @param annotations the manifest's annotations (OCI only; empty for Docker)
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {

    public ImageManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    /**
     * Parses a manifest's bytes. The media type is the one the store gave, or the document's own.
     *
     * @param what the manifest for messages ("the manifest of oci:reg/repo:1.0")
     * @throws dev.cos.installer.error.InstallerException SOURCE when it is not a manifest
     */
    public static ImageManifest parse(ManifestBytes manifest, String what) {
        JsonNode node = OciJson.read(manifest.bytes(), what);
        String mediaType = OciJson.optionalText(node, "mediaType").orElse(manifest.mediaType());
        if (mediaType.isEmpty()) {
            mediaType = MediaTypes.OCI_MANIFEST;   // OCI made the field optional; such a document is an OCI manifest
        }
        if (!MediaTypes.isManifest(mediaType) && !MediaTypes.isManifest(manifest.mediaType())) {
            throw OciJson.invalid(what, "is of the type '" + mediaType + "', not an image manifest");
        }
        if (node.has("layers") || node.has("config")) {
            return new ImageManifest(MediaTypes.isManifest(mediaType) ? mediaType : manifest.mediaType(),
                    OciJson.descriptor(node.get("config"), what + ", its config"),
                    OciJson.descriptors(node, "layers", what), OciJson.strings(node, "annotations"));
        }
        throw OciJson.invalid(what, "has neither 'config' nor 'layers'");
    }

    /** The layers' compressed size in bytes, as they are downloaded. */
    public long layerBytes() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }
}
