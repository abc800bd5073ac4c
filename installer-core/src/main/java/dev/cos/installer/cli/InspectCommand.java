package dev.cos.installer.cli;

import dev.cos.installer.api.ContainerImage;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.service.SourcePolicy;
import dev.cos.installer.source.ContainerSource;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.service.InspectService;
import dev.cos.installer.source.OsRelease;
import dev.cos.installer.source.PinnedImage;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.source.SourceInspector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cos-installer inspect}: reads a source exactly as install's verify step does (validity and
 * sha256) and says what it is. Read-only: writes nothing but the log.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Check a source as install would (read fully: validity and sha256) and show its name, version,"
                + " size and digest. Changes nothing.")
final class InspectCommand extends JobVerb {

    static final String TITLE_LABEL = "org.opencontainers.image.title";
    static final String VERSION_LABEL = "org.opencontainers.image.version";

    @Parameters(arity = "0..1", paramLabel = "SOURCE",
            description = "Directory, tar archive (.tar, .tar.gz, .tar.xz, .tar.zst), squashfs or ext image; a path, a"
                    + " dir:// or file:// URI, or an http(s):// URL (optionally ending in #sha256=<hex>); or a container image (oci:REF, docker:REF, oci-dir:PATH[:TAG], oci-archive:FILE[:TAG], each optionally @sha256:<digest>) (default: the demo OS image, built when not cached).")
    String source;

    @Mixin
    UnverifiedSources unverified;

    @Mixin
    ContainerOptions containers;

    @Mixin
    ConfigOption config;

    @Option(names = "--no-pull", description = "A container image only: resolve its tag to a digest, verify its signature"
            + " (with --cosign) and show what its manifest and config say (name and version from its"
            + " org.opencontainers.image.title/version labels), without downloading a layer. Fast; tree size unknown.")
    boolean noPull;

    @Override
    SourceInfo run(Wiring parts, ProgressPrinter printer) {
        SourcePolicy policy = unverified.policy(unverified.allowed(Optional.empty()), message -> printer.log("warn", message),
                source != null, containers.settings(config.load(parts).global()));
        if (noPull) {
            if (source == null || !ContainerSource.isContainer(source)) {
                throw new InstallerException(ErrorCode.USAGE, "--no-pull reads only container images (oci:, docker:,"
                        + " oci-dir:, oci-archive:); inspect " + (source == null ? "the demo image" : source)
                        + " without --no-pull");
            }
            return summary(new InspectService(parts).pin(ContainerSource.parse(source), policy));
        }
        try (CleanupStack downloads = new CleanupStack()) {
            SourceInspector.Inspection inspected = new InspectService(parts).inspect(Optional.ofNullable(source), policy,
                    downloads, printer.bytesOf("download"), printer.bytesOf("verify"));
            return summary(inspected.facts(), inspected.osRelease(), unverified.used(), inspected.located().pinned());
        }
    }

    /** What a container image's manifest and config say, before any layer is read. */
    static SourceInfo summary(PinnedImage pinned) {
        return new SourceInfo(pinned.uri(), pinned.labels().getOrDefault(TITLE_LABEL, ""),
                pinned.labels().getOrDefault(VERSION_LABEL, ""), pinned.compressedBytes(), 0, pinned.digest().toString(),
                false, image(pinned));
    }

    /** The result summary: the fields docs/progress-protocol.md lists for inspect, in that order. */
    static SourceInfo summary(SourceFacts facts, Optional<OsRelease> release, boolean unverified, Optional<PinnedImage> pinned) {
        return new SourceInfo(facts.uri(), release.map(OsRelease::displayName).orElse(""),
                release.flatMap(OsRelease::versionId).orElse(""), facts.sourceBytes(), facts.treeSize().bytes(),
                "sha256:" + facts.sha256(), unverified, pinned.map(InspectCommand::image).orElse(null));
    }

    /** A pinned container image as the contract shows it (inspect and plan). */
    static ContainerImage image(PinnedImage pinned) {
        return new ContainerImage(pinned.source().reference(), pinned.uri(), pinned.tag().orElse(""),
                pinned.digest().toString(), pinned.manifestDigest().toString(), pinned.platform().toString(),
                pinned.compressedBytes(), pinned.created().orElse(""), pinned.labels(),
                pinned.signedBy().isPresent() ? ContainerImage.VERIFIED : ContainerImage.NOT_CHECKED,
                pinned.signedBy().orElse(""));
    }
}
