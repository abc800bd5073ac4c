package dev.cos.installer.source;

import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImagePuller;
import dev.cos.installer.source.oci.ImageReference;
import dev.cos.installer.source.oci.ImageResolver;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.oci.OciLayoutStore;
import dev.cos.installer.source.oci.ResolvedImage;
import dev.cos.installer.source.oci.cosign.CosignKeys;
import dev.cos.installer.source.oci.cosign.CosignVerifier;
import dev.cos.installer.source.registry.RegistryCredentials;
import dev.cos.installer.source.registry.RegistryOptions;
import dev.cos.installer.source.registry.RegistryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@link ContainerImages}: registries and OCI layouts read as {@link ImageStore}s, resolved by
 * {@link ImageResolver}, verified by {@link CosignVerifier}, pulled by {@link ImagePuller}.
 */
public final class OciContainerImages implements ContainerImages {

    /** Opens a registry as a store, with the request's CA, plain-http registries and credentials. */
    @FunctionalInterface
    public interface Registries {
        ImageStore open(ImageReference image, ContainerSettings settings);
    }

    private final Registries registries;
    private final ImagePuller puller;

    public OciContainerImages(Registries registries, ImagePuller puller) {
        this.registries = registries;
        this.puller = puller;
    }

    /**
     * The engine's: registries through {@link RegistryStore} with the request's CA file, plain-http
     * registries and config logins, then the auth files {@code environment} points at
     * ($REGISTRY_AUTH_FILE, /run/containers/0/auth.json, $HOME/.docker/config.json).
     */
    public static OciContainerImages system(Map<String, String> environment) {
        return new OciContainerImages((image, settings) -> RegistryStore.open(image, registryOptions(settings, environment)),
                ImagePuller.standard());
    }

    static RegistryOptions registryOptions(ContainerSettings settings, Map<String, String> environment) {
        RegistryOptions options = RegistryOptions.defaults(RegistryCredentials.standard(settings.logins(), environment))
                .withInsecure(settings.insecure());
        return settings.caFile().map(options::withCaFile).orElse(options);
    }

    @Override
    public PinnedImage pin(ContainerSource source, ContainerSettings settings) {
        ImageStore store = open(source, settings);
        ResolvedImage resolved = resolve(store, source, settings);
        Optional<String> signedBy = settings.cosignKey().map(key -> CosignVerifier.verify(store, resolved.digest(),
                List.of(CosignKeys.read(key))).fingerprint());
        return new PinnedImage(source.pinned(resolved.digest()), resolved.digest(), resolved.manifestDigest(),
                resolved.config().os().isEmpty() ? settings.platform() : resolved.config().platform(),
                resolved.compressedBytes(), resolved.config().created().map(Object::toString),
                resolved.config().labels(), signedBy);
    }

    /** A manifest HEAD for a registry (ImageStore.resolve), the index for a layout; no blob is read. */
    @Override
    public Digest resolve(ContainerSource source, ContainerSettings settings) {
        if (source.digest().isPresent()) {
            return source.digest().get();
        }
        ImageStore store = open(source, settings);
        return store.resolve(source.tagOrDigest().orElseGet(() -> ((OciLayoutStore) store).defaultTagOrDigest()));
    }

    @Override
    public void pull(PinnedImage image, ContainerSettings settings, Path tree, ByteProgress progress) {
        ImageStore store = open(image.source(), settings);
        // By the pinned digest: the tag is not asked again, so what was confirmed is what is written.
        ResolvedImage resolved = ImageResolver.resolve(store, image.digest().toString(), settings.platform());
        puller.pull(store, resolved, tree, progress);
    }

    private static ResolvedImage resolve(ImageStore store, ContainerSource source, ContainerSettings settings) {
        String name = source.tagOrDigest().orElseGet(() -> ((OciLayoutStore) store).defaultTagOrDigest());
        return ImageResolver.resolve(store, name, settings.platform());
    }

    private ImageStore open(ContainerSource source, ContainerSettings settings) {
        if (source instanceof ContainerSource.Layout layout) {
            return layout.kind() == ContainerSource.LayoutKind.DIRECTORY ? OciLayoutStore.directory(layout.path())
                    : OciLayoutStore.archive(layout.path());
        }
        return registries.open(((ContainerSource.Registry) source).image(), settings);
    }
}
