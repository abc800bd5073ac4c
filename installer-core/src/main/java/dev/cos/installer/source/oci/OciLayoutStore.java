package dev.cos.installer.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.utils.BoundedInputStream;

/**
 * An OCI image layout (image-spec image-layout.md) as an {@link ImageStore}: a directory, or a tar
 * of one read in place (its entries are found once, then each blob is read at its offset in the tar:
 * nothing is unpacked). Tags are index.json entries' {@code org.opencontainers.image.ref.name}.
 */
public final class OciLayoutStore implements ImageStore {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** Manifests and indexes are small documents; a larger one is not read into memory. */
    static final long MAX_MANIFEST_BYTES = 4L << 20;

    private final Files0 files;
    private final String description;
    private final byte[] indexJson;
    private final List<Descriptor> entries;

    private OciLayoutStore(Files0 files, String description) {
        this.files = files;
        this.description = description;
        this.indexJson = readLayout(files, description);
        this.entries = OciJson.descriptors(OciJson.read(indexJson, "index.json of " + description), "manifests",
                "index.json of " + description);
    }

    /**
     * Opens an OCI layout directory.
     *
     * @throws InstallerException SOURCE when it is not one (no oci-layout / index.json)
     */
    public static OciLayoutStore directory(Path dir) {
        return new OciLayoutStore(new DirectoryFiles(dir), "the OCI layout " + dir);
    }

    /**
     * Opens a tar archive of an OCI layout (as {@code skopeo copy ... oci-archive:} writes it): its
     * entries are listed once.
     *
     * @throws InstallerException SOURCE when it cannot be read as a tar of a layout
     */
    public static OciLayoutStore archive(Path tar) {
        return new OciLayoutStore(ArchiveFiles.index(tar), "the OCI archive " + tar);
    }

    /**
     * What to resolve when the source named no tag: the layout's only image (its digest), else the
     * tag {@code latest} when some entry has it.
     *
     * @throws InstallerException SOURCE naming the tags there are, when that does not decide
     */
    public String defaultTagOrDigest() {
        if (entries.size() == 1) {
            return entries.get(0).digest().toString();
        }
        if (entries.stream().anyMatch(e -> "latest".equals(e.annotations().get(REF_NAME)))) {
            return "latest";
        }
        throw new InstallerException(ErrorCode.SOURCE, description + " holds " + entries.size()
                + " images: name one with :TAG at the end of the source (" + tagsForMessage() + ")");
    }

    /** The tags of its index.json, in order. */
    public List<String> tags() {
        return entries.stream().map(e -> e.annotations().get(REF_NAME)).filter(t -> t != null).distinct().toList();
    }

    @Override
    public ManifestBytes manifest(String tagOrDigest) {
        if (tagOrDigest.startsWith("sha256:")) {
            Digest digest = Digest.parse(tagOrDigest, "the image " + tagOrDigest + " in " + description);
            if (digest.equals(Digest.of(indexJson))) {
                return ManifestBytes.of(indexJson, MediaTypes.OCI_INDEX);
            }
            Optional<Descriptor> listed = entries.stream().filter(e -> e.digest().equals(digest)).findFirst();
            return readManifest(digest, listed.map(Descriptor::mediaType).orElse(""), -1);
        }
        List<Descriptor> tagged = entries.stream().filter(e -> tagOrDigest.equals(e.annotations().get(REF_NAME))).toList();
        if (tagged.isEmpty()) {
            throw new ManifestNotFoundException(description + " has no image tagged '" + tagOrDigest + "' ("
                    + tagsForMessage() + "): name one of its tags");
        }
        if (tagged.size() > 1) {
            // One tag on one image per platform: index.json itself is the index to choose from.
            if (tagged.size() == entries.size() && tagged.stream().allMatch(e -> e.platform().isPresent())) {
                return ManifestBytes.of(indexJson, MediaTypes.OCI_INDEX);
            }
            throw new InstallerException(ErrorCode.SOURCE, description + " has " + tagged.size() + " images tagged '"
                    + tagOrDigest + "': keep one image per tag, or give its digest");
        }
        Descriptor entry = tagged.get(0);
        return readManifest(entry.digest(), entry.mediaType(), entry.size());
    }

    private ManifestBytes readManifest(Digest digest, String listedType, long listedSize) {
        String name = blobName(digest);
        String what = "the manifest " + digest + " in " + description;
        byte[] bytes;
        try (InputStream in = files.open(name, 0)) {
            bytes = in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InstallerException(ErrorCode.SOURCE, description + " has no manifest " + digest
                    + " (no " + name + "): the layout is incomplete; copy it again", e.toString(), e);
        } catch (IOException e) {
            throw cannotRead(name, e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new InstallerException(ErrorCode.SOURCE, what + " is larger than " + MAX_MANIFEST_BYTES
                    + " bytes, far more than a manifest: the layout is damaged");
        }
        ManifestBytes manifest = ManifestBytes.of(bytes, listedType);
        if (!manifest.digest().equals(digest) || (listedSize >= 0 && listedSize != bytes.length)) {
            throw new InstallerException(ErrorCode.SOURCE, what + " should have the digest " + digest
                    + " but its content has the digest " + manifest.digest() + ": it was altered or damaged, so it is refused");
        }
        String mediaType = listedType.isEmpty()
                ? OciJson.optionalText(OciJson.read(bytes, what), "mediaType").orElse("")
                : listedType;
        return new ManifestBytes(manifest.bytes(), mediaType, digest);
    }

    @Override
    public InputStream openBlob(Descriptor blob, long offset) throws IOException {
        return files.open(blobName(blob.digest()), offset);
    }

    @Override
    public String describe() {
        return description;
    }

    private String tagsForMessage() {
        List<String> tags = tags();
        return tags.isEmpty() ? "it has no tags" : "its tags: " + String.join(", ", tags);
    }

    private static String blobName(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    private static byte[] readLayout(Files0 files, String description) {
        try {
            byte[] layout;
            try (InputStream in = files.open("oci-layout", 0)) {
                layout = in.readNBytes(64 * 1024);
            }
            JsonNode node = OciJson.read(layout, "the oci-layout file of " + description);
            if (!node.has("imageLayoutVersion")) {
                throw OciJson.invalid("the oci-layout file of " + description, "has no imageLayoutVersion");
            }
            try (InputStream in = files.open("index.json", 0)) {
                byte[] index = in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
                if (index.length > MAX_MANIFEST_BYTES) {
                    throw OciJson.invalid("index.json of " + description, "is larger than " + MAX_MANIFEST_BYTES + " bytes");
                }
                return index;
            }
        } catch (NoSuchFileException e) {
            throw new InstallerException(ErrorCode.SOURCE, description + " is not an OCI image layout: it has no "
                    + Path.of(e.getFile()).getFileName() + ". Give a directory (oci-dir:) or tar (oci-archive:) made by"
                    + " skopeo copy ... oci:DIR, umoci or buildah push ... oci:DIR", e.toString(), e);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.SOURCE, "cannot read " + description + ": " + FailureWords.describe(e),
                    e.toString(), e);
        }
    }

    private InstallerException cannotRead(String name, IOException e) {
        return new InstallerException(ErrorCode.SOURCE, "cannot read " + name + " of " + description + ": "
                + FailureWords.describe(e), e.toString(), e);
    }

    /** The files of a layout, by their names in it ("index.json", "blobs/sha256/..."). */
    private interface Files0 {
        /** @throws NoSuchFileException when the layout has no such file */
        InputStream open(String name, long offset) throws IOException;
    }

    private record DirectoryFiles(Path dir) implements Files0 {
        @Override
        public InputStream open(String name, long offset) throws IOException {
            FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        }
    }

    /** A tar's regular files by name, each its data's offset and size in the tar. */
    private record ArchiveFiles(Path tar, Map<String, long[]> extents) implements Files0 {

        static ArchiveFiles index(Path tar) {
            Map<String, long[]> extents = new HashMap<>();
            try (TarFile archive = new TarFile(tar)) {
                for (TarArchiveEntry entry : archive.getEntries()) {
                    if (entry.isFile() && !entry.isSparse()) {
                        extents.put(normalized(entry.getName()), new long[] {entry.getDataOffset(), entry.getSize()});
                    }
                }
            } catch (NoSuchFileException e) {
                throw new InstallerException(ErrorCode.SOURCE, "there is no OCI archive " + tar + ": check the path",
                        e.toString(), e);
            } catch (IOException | RuntimeException e) {
                throw new InstallerException(ErrorCode.SOURCE, "cannot read " + tar + " as a tar of an OCI layout: "
                        + (e instanceof IOException io ? FailureWords.describe(io) : e.getMessage())
                        + ". Give a file made by skopeo copy ... oci-archive:FILE", e.toString(), e);
            }
            return new ArchiveFiles(tar, extents);
        }

        private static String normalized(String name) {
            return java.util.Arrays.stream(name.split("/")).filter(p -> !p.isEmpty() && !p.equals("."))
                    .collect(Collectors.joining("/"));
        }

        @Override
        public InputStream open(String name, long offset) throws IOException {
            long[] extent = extents.get(name);
            if (extent == null) {
                throw new NoSuchFileException(name);
            }
            FileChannel channel = FileChannel.open(tar, StandardOpenOption.READ);
            channel.position(extent[0] + Math.min(offset, extent[1]));
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel))
                    .setMaxCount(Math.max(0, extent[1] - offset)).get();
        }
    }
}
