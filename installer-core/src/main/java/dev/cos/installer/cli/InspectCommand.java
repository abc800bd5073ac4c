package dev.cos.installer.cli;

import dev.cos.installer.api.ContainerImage;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.job.CleanupStack;
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
import picocli.CommandLine.Parameters;

/**
 * {@code cos-installer inspect}: reads a source exactly as install's verify step does (validity and
 * sha256) and says what it is. Read-only: writes nothing but the log.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Check a source as install would (read fully: validity and sha256) and show its name, version,"
                + " size and digest. Changes nothing.")
final class InspectCommand extends JobVerb {

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

    @Override
    SourceInfo run(Wiring parts, ProgressPrinter printer) {
        try (CleanupStack downloads = new CleanupStack()) {
            SourceInspector.Inspection inspected = new InspectService(parts).inspect(Optional.ofNullable(source),
                    unverified.policy(unverified.allowed(Optional.empty()), message -> printer.log("warn", message),
                            source != null, containers.settings(config.load(parts).global())),
                    downloads, printer.bytesOf("download"), printer.bytesOf("verify"));
            return summary(inspected.facts(), inspected.osRelease(), unverified.used(), inspected.located().pinned());
        }
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
