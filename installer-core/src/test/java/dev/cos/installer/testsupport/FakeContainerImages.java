package dev.cos.installer.testsupport;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.source.ContainerImages;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.source.ContainerSource;
import dev.cos.installer.source.PinnedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.cos.installer.source.oci.Digest;

/**
 * A store holding one image: every name resolves to {@link #digest}, a pull copies {@code template}
 * (with cp -a, so owners and modes stay) and reports {@link #COMPRESSED_BYTES}. It records what was
 * pinned and what was pulled, so tests see that a pull names the digest, never the tag.
 */
public final class FakeContainerImages implements ContainerImages {

    public static final long COMPRESSED_BYTES = 4242;
    public static final String KEY = "sha256:0123456789abcdef";

    public final Digest digest;
    public final List<String> pins = new ArrayList<>();
    public final List<String> pulls = new ArrayList<>();
    public final List<ContainerSettings> settingsSeen = new ArrayList<>();
    /** When set, pinning fails with it (a missing tag, an unsigned image...). */
    public InstallerException refusal;
    private final Path template;

    public FakeContainerImages(Path template, Digest digest) {
        this.template = template;
        this.digest = digest;
    }

    @Override
    public PinnedImage pin(ContainerSource source, ContainerSettings settings) {
        pins.add(source.reference());
        settingsSeen.add(settings);
        if (refusal != null) {
            throw refusal;
        }
        return new PinnedImage(source.pinned(digest), digest, digest, settings.platform(), COMPRESSED_BYTES,
                Optional.of("2026-12-01T10:00:00Z"), Map.of("org.opencontainers.image.version", "2.0",
                        "org.opencontainers.image.title", "cOS demo"),
                settings.verifies() ? Optional.of(KEY) : Optional.empty());
    }

    @Override
    public void pull(PinnedImage image, ContainerSettings settings, Path tree, ByteProgress progress) {
        if (!image.source().digest().equals(Optional.of(digest))) {
            throw new InstallerException(ErrorCode.SOURCE, "pulled by a name other than the pinned digest: " + image.uri());
        }
        pulls.add(image.uri());
        Tools.run("cp", "-a", "--", template.toString(), tree.toString());
        progress.update(COMPRESSED_BYTES, COMPRESSED_BYTES);
    }
}
