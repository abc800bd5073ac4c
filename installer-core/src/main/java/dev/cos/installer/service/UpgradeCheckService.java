package dev.cos.installer.service;

import dev.cos.installer.api.UpgradeCheck;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.source.ContainerSource;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.status.SystemStatus;
import java.util.Optional;

/**
 * {@code upgrade-check}: whether a container image source holds another system than the one running,
 * asked with a manifest HEAD (no layer, no manifest body downloaded; with cosign on, also the manifest,
 * config and signature, to verify it). Reads only.
 */
public record UpgradeCheckService(Wiring wiring) {

    /**
     * @param source a container image source (oci:, docker:, oci-dir:, oci-archive:)
     * @throws InstallerException USAGE for another kind of source; SOURCE/DOWNLOAD as an inspect of it would
     */
    public UpgradeCheck check(SystemLocation location, String source, SourcePolicy policy) {
        if (!ContainerSource.isContainer(source)) {
            throw new InstallerException(ErrorCode.USAGE, source + " is not a container image: the update check asks a"
                    + " registry or an OCI layout for a tag's digest (oci:, docker:, oci-dir:, oci-archive:); read other"
                    + " sources with inspect", "upgrade-check of " + source);
        }
        ContainerSource container = ContainerSource.parse(source);
        SourceLocator locator = wiring.locators().locator(policy.allowUnverified(), policy.unverified(), wiring.access(),
                policy.containers());
        Digest digest = locator.resolve(container);
        // With cosign on, an update is only offered once its signature verifies: pinning the digest reads
        // the manifest, the config and the signature (small documents), still no layer.
        String signedBy = policy.containers().verifies()
                ? locator.pin(container.pinned(digest)).signedBy().orElse("") : "";
        SystemStatus status = new StatusService(wiring).status(location);
        String slot = status.booted().equals("passive") ? "passive" : "active";
        Optional<SystemStatus.Image> installed = status.images().stream().filter(i -> i.slot().equals(slot)).findFirst();
        String installedDigest = installed.map(SystemStatus.Image::digest).orElse("");
        return new UpgradeCheck(source, container.pinned(digest).reference(), container.tag().orElse(""),
                digest.toString(), slot, installed.map(SystemStatus.Image::source).orElse(""), installedDigest,
                !digest.toString().equals(installedDigest), signedBy);
    }
}
