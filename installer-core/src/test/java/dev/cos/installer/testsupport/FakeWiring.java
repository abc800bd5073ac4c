package dev.cos.installer.testsupport;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.disk.RootedSystemFiles;
import dev.cos.installer.disk.SystemFiles;
import dev.cos.installer.disk.DeviceNodes;
import dev.cos.installer.install.InstallPreflight;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.job.StepHook;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.source.ContainerImages;
import dev.cos.installer.source.ImageFetcher;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.installed.FreeSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The test wiring: every command goes to a {@link RecordingCommandRunner}, files the engine reads
 * about disks come from a tree under {@code temp}, mounts are made under {@code temp/run}, the clock
 * is fixed, this process counts as root, every tool is present and no download is expected. Change
 * a field before {@link #build()} where a test needs another part.
 */
public final class FakeWiring {

    public final RecordingCommandRunner runner;
    public Mounter mounter;
    public DeviceNodes deviceNodes = (path, timeout) -> true;
    public SystemFiles files;
    public FreeSpace freeSpace = new FreeSpace() {
        @Override
        public ByteSize usable(Path mountPoint) {
            return ByteSize.ofGiB(4);
        }

        @Override
        public ByteSize capacity(Path mountPoint) {
            return ByteSize.ofGiB(8);
        }
    };
    /** The machine's GRUB modules: only read, as the flow tests do. */
    public GrubFiles grubFiles;
    public Clock clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    public ImageFetcher fetcher = (source, directory, progress) -> {
        throw new AssertionError("no download expected: " + source);
    };
    /** Container images: none expected unless a test gives a fake store. */
    public ContainerImages containers = ContainerImages.NONE;
    public StepHook stepHook = StepHook.NONE;
    public RequiredTools tools = new RequiredTools(tool -> true);
    public Firmware firmware = Firmware.EFI;
    public Map<String, String> environment = Map.of();
    public String demoImage;
    private final Path temp;

    public FakeWiring(RecordingCommandRunner runner, Path temp) {
        this.runner = runner;
        this.temp = temp;
        this.mounter = new CommandMounter(runner);
        this.files = new RootedSystemFiles(temp);
        this.grubFiles = GrubFiles.system();
    }

    public Wiring build() {
        Path downloads = directory("downloads");
        String demo = demoImage;
        ContainerImages images = containers;
        InstallPreflight.FirmwareProbe probe = () -> firmware;
        return new Wiring(runner, mounter, deviceNodes, files, freeSpace, grubFiles, clock, CallerAccess.root(),
                (allowUnverified, unverified, access, settings) -> new SourceLocator(fetcher, downloads, unverified, access, images,
                        settings), stepHook,
                verb -> { }, tools, probe, directory("run"), environment, () -> {
                    if (demo == null) {
                        throw new AssertionError("no demo image expected");
                    }
                    return demo;
                });
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(temp.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
