package dev.cos.installer.cli;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.disk.DiskScanner;
import dev.cos.installer.disk.SystemFiles;
import dev.cos.installer.disk.UnusableReason;
import dev.cos.installer.install.InstallPreflight;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.install.TargetGuard;
import dev.cos.installer.install.TargetResolver;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.SourceScanner;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.process.ProcessCommandRunner;
import dev.cos.installer.installed.SystemOpener;

/** The real side-effecting parts, wired once per CLI run. */
record Services(CommandRunner runner, Mounter mounter, TargetGuard guard, CallerAccess access) {

    static Services system() {
        CommandRunner runner = new ProcessCommandRunner();
        DiskScanner disks = new DiskScanner(runner, SystemFiles.live());
        // Size is the planner's business (it knows the image): here only "in use" reasons count.
        TargetGuard guard = device -> disks.inspect(device, ByteSize.ZERO).eligibility().reasons().stream()
                .map(UnusableReason::message).toList();
        return new Services(runner, new CommandMounter(runner), guard, CallerAccess.fromEnvironment(System.getenv(), runner));
    }

    InstallPreflight preflight(SourceLocator locator) {
        return new InstallPreflight(new TargetResolver(runner, guard, access), new SourceScanner(runner), new LayoutPlanner(),
                InstallPreflight.FirmwareProbe.system(), locator, access);
    }

    SourceScanner scanner() {
        return new SourceScanner(runner);
    }

    SystemOpener opener(java.nio.file.Path mountBase) {
        return new SystemOpener(runner, mounter, dev.cos.installer.disk.DeviceNodes.system(), SystemFiles.live(), mountBase,
                access);
    }

    SourceUnpacker unpacker() {
        return new SourceUnpacker(runner, mounter);
    }
}
