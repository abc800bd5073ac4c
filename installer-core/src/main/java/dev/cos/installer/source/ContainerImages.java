package dev.cos.installer.source;

import dev.cos.installer.job.ByteProgress;
import java.nio.file.Path;

/**
 * Container image stores (registries, OCI layouts) as the locator uses them: pin once, pull by digest.
 * The real one reads registries and layouts; tests give a fake.
 */
public interface ContainerImages {

    /**
     * Resolves the tag (or the layout's only image) to a digest, reads the platform's manifest and
     * config, and, when {@code settings} ask for it, verifies the cosign signature of that digest.
     * Downloads no layer.
     *
     * @throws dev.cos.installer.error.InstallerException SOURCE for a missing image, a platform the
     *     image lacks, an unsigned or wrongly signed image; DOWNLOAD when the store cannot be reached
     */
    PinnedImage pin(ContainerSource source, ContainerSettings settings);

    /**
     * The digest {@code source}'s tag points at now, downloading nothing else (a registry answers a
     * manifest HEAD): the tray's update check. A source that names a digest is answered without asking.
     * This default pins (reads manifest and config), for stores with no cheaper way.
     *
     * @throws dev.cos.installer.error.InstallerException as {@link #pin}
     */
    default dev.cos.installer.source.oci.Digest resolve(ContainerSource source, ContainerSettings settings) {
        return source.digest().orElseGet(() -> pin(source, settings).digest());
    }

    /**
     * Pulls the pinned image, by its digest, into {@code tree} (which must not exist yet; it is created
     * private to root), every layer checked against its digest as it streams.
     *
     * @param progress compressed bytes received, of {@link PinnedImage#compressedBytes()}
     */
    void pull(PinnedImage image, ContainerSettings settings, Path tree, ByteProgress progress);

    /** For a wiring that reads no container image (tests that expect none). */
    ContainerImages NONE = new ContainerImages() {
        @Override
        public PinnedImage pin(ContainerSource source, ContainerSettings settings) {
            throw new IllegalStateException("no container image expected: " + source.reference());
        }

        @Override
        public void pull(PinnedImage image, ContainerSettings settings, Path tree, ByteProgress progress) {
            throw new IllegalStateException("no container image expected: " + image.uri());
        }
    };
}
