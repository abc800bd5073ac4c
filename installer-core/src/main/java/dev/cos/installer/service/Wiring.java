package dev.cos.installer.service;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.disk.DiskScanner;
import dev.cos.installer.disk.SystemFiles;
import dev.cos.installer.disk.UnusableReason;
import dev.cos.installer.disk.DeviceNodes;
import dev.cos.installer.install.InstallPreflight;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.install.TargetGuard;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepHook;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.source.DemoImageBuilder;
import dev.cos.installer.source.OciContainerImages;
import dev.cos.installer.source.SourceInspector;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.process.ProcessCommandRunner;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.MountBases;
import dev.cos.installer.installed.SystemOpener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every side-effecting part the engine's verbs use, built once per run: {@link #system()} for the
 * real machine, a fake in tests (the recording runner, a temp mount directory, a step hook). The
 * services take their parts from here and nowhere else, so no verb escapes the fakes.
 *
 * @param runner starts every command
 * @param mounter mounts and unmounts
 * @param deviceNodes whether partition device nodes appeared
 * @param files the system files a disk scan reads (/proc/mounts, /sys/block ...)
 * @param freeSpace free space of a mounted filesystem
 * @param grubFiles where GRUB's modules and images come from
 * @param clock the time written to state.yaml and the history
 * @param access what the user who asked may open (config, cloud-init and source files they name)
 * @param locators makes the source locator for one request (its verification rule and warnings)
 * @param stepHook told after every step of every job (tests stop the process there)
 * @param root refuses a verb that needs root when the process is not root
 * @param tools the system tools an install needs, and whether they are present
 * @param firmware the firmware the machine booted with
 * @param mountRunDir where each run makes its private mount directory
 * @param environment the process environment (ELEMENTAL_* configuration variables)
 * @param demoImage the demo OS image, the source when nobody names one
 */
public record Wiring(CommandRunner runner, Mounter mounter, DeviceNodes deviceNodes, SystemFiles files, FreeSpace freeSpace,
                     GrubFiles grubFiles, Clock clock, CallerAccess access, SourceLocators locators, StepHook stepHook,
                     RootCheck root, RequiredTools tools, InstallPreflight.FirmwareProbe firmware, Path mountRunDir,
                     Map<String, String> environment, DemoImage demoImage) {

    /** Makes the locator of one request. */
    @FunctionalInterface
    public interface SourceLocators {
        /**
         * @param allowUnverified whether an http(s) image with no digest may be used
         * @param unverified told about each image used without a digest
         * @param access whose access a local source is checked against
         * @param containers how container images are read (platform, signature, registries)
         */
        SourceLocator locator(boolean allowUnverified, Consumer<String> unverified, CallerAccess access,
                              ContainerSettings containers);
    }

    /** Refuses {@code verb} unless this process may partition, format and mount. */
    @FunctionalInterface
    public interface RootCheck {
        void require(String verb);
    }

    /** The demo OS image's path, built when not cached. */
    @FunctionalInterface
    public interface DemoImage {
        String path();
    }

    /** The real machine: this process's environment, runner, mounts and clock. */
    public static Wiring system() {
        CommandRunner runner = new ProcessCommandRunner();
        Map<String, String> environment = System.getenv();
        return new Wiring(runner, new CommandMounter(runner), DeviceNodes.system(), SystemFiles.live(), FreeSpace.system(),
                GrubFiles.system(), Clock.systemDefaultZone(), CallerAccess.fromEnvironment(environment, runner),
                (allowUnverified, unverified, access, containers) -> SourceLocator.system(allowUnverified, unverified, access,
                        OciContainerImages.system(environment), containers), installedStepHook(), Privileges::requireRoot,
                RequiredTools.system(), InstallPreflight.FirmwareProbe.system(), MountBases.RUN_DIR, environment,
                () -> DemoImageBuilder.system(runner).build());
    }

    /**
     * The step hook a test build put on the class path (its stop point), or none: the shipped engine
     * registers no hook, so the test seam is not in its start-up path.
     */
    static StepHook installedStepHook() {
        return ServiceLoader.load(StepHook.class).findFirst().orElse(StepHook.NONE);
    }

    /** The same parts with {@code hook} told after every step. */
    public Wiring withStepHook(StepHook hook) {
        return new Wiring(runner, mounter, deviceNodes, files, freeSpace, grubFiles, clock, access, locators, hook, root,
                tools, firmware, mountRunDir, environment, demoImage);
    }

    public DiskScanner disks() {
        return new DiskScanner(runner, files);
    }

    /** Refuses a target in use. Size is the planner's business (it knows the image): only "in use" reasons count. */
    public TargetGuard guard() {
        DiskScanner disks = disks();
        return device -> disks.inspect(device, ByteSize.ZERO).eligibility().reasons().stream()
                .map(UnusableReason::message).toList();
    }

    public SystemOpener opener(Path mountBase) {
        return new SystemOpener(runner, mounter, deviceNodes, files, mountBase, access);
    }

    public SourceUnpacker unpacker() {
        return new SourceUnpacker(runner, mounter);
    }

    /** Locate, scan and os-release of sources under {@code policy}. */
    public SourceInspector sources(SourcePolicy policy) {
        return new SourceInspector(locators.locator(policy.allowUnverified(), policy.unverified(),
                policy.callersOwn() ? access : CallerAccess.root(), policy.containers()), runner);
    }

    /** A job built in a private mount directory and run with a listener. */
    @FunctionalInterface
    public interface Job<T> {
        T run(Path mountBase, ProgressListener listener);
    }

    /**
     * The way every verb that changes a system runs: refused unless root (and, with {@code needsTools},
     * unless the system tools are present), then {@code started} (the checks passed), then {@code job} in
     * a private mount directory, its listener behind the step hook.
     */
    public <T> T runJob(String verb, boolean needsTools, Runnable started, ProgressListener listener, Job<T> job) {
        root.require(verb);
        if (needsTools) {
            tools.check();
        }
        started.run();
        ProgressListener heard = stepHook.around(listener);
        return withMountBase(verb, mountBase -> job.run(mountBase, heard));
    }

    /** Refused unless root, then {@code work} in a private mount directory (the read-only verbs). */
    public <T> T asRoot(String verb, Function<Path, T> work) {
        root.require(verb);
        return withMountBase(verb, work);
    }

    /**
     * Runs {@code work} with a private mount directory for this verb (MountBases: it also removes the
     * empty ones killed runs left), removed afterwards.
     */
    public <T> T withMountBase(String verb, Function<Path, T> work) {
        Path mountBase = MountBases.create(mountRunDir, verb);
        try {
            return work.apply(mountBase);
        } finally {
            MountBases.remove(mountBase);
        }
    }
}
