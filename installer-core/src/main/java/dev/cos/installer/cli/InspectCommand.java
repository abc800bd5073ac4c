package dev.cos.installer.cli;

import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.source.DemoImageBuilder;
import dev.cos.installer.source.ImageOsReleaseReader;
import dev.cos.installer.source.ImageSource;
import dev.cos.installer.source.OsRelease;
import dev.cos.installer.source.LocatedSource;
import dev.cos.installer.source.SourceFacts;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cos-installer inspect}: reads a source exactly as install's verify step does (validity and
 * sha256) and says what it is. Read-only: writes nothing but the log.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Check a source as install would (read fully: validity and sha256) and show its name, version,"
                + " size and digest. Changes nothing.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SOURCE",
            description = "Directory, tar archive (.tar, .tar.gz, .tar.xz, .tar.zst), squashfs or ext image; a path, a"
                    + " dir:// or file:// URI, or an http(s):// URL (optionally ending in #sha256=<hex>) (default: the demo OS image, built when not cached).")
    String source;

    @Mixin
    UnverifiedSources unverified;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProgressPrinter printer = progress.printer(spec.commandLine().getOut());
        return ProgressOption.report(printer, () -> {
            Services services = Services.system();
            String named = source != null ? source : DemoImageBuilder.system(services.runner()).build();
            try (CleanupStack downloads = new CleanupStack()) {
                // The demo image the engine built itself is not the caller's to be checked against.
                LocatedSource located = unverified.locator(Optional.empty(), printer, source != null ? services.access()
                                : dev.cos.installer.access.CallerAccess.root())
                        .locate(named, downloads, printer.bytesOf("download"));
                ImageSource detected = located.image();
                SourceFacts facts = located.recorded(services.scanner().scan(detected, printer.bytesOf("verify")));
                Optional<OsRelease> release = facts.osRelease().or(() -> new ImageOsReleaseReader(services.runner()).read(detected));
                return summary(facts, release, unverified.used());
            }
        });
    }

    /** The result summary: the fields docs/progress-protocol.md lists for inspect, in that order. */
    static SourceInfo summary(SourceFacts facts, Optional<OsRelease> release, boolean unverified) {
        return new SourceInfo(facts.uri(), release.map(OsRelease::displayName).orElse(""),
                release.flatMap(OsRelease::versionId).orElse(""), facts.sourceBytes(), facts.treeSize().bytes(),
                "sha256:" + facts.sha256(), unverified);
    }
}
