package dev.cos.installer.repair;

import dev.cos.installer.disk.FilesystemProbe;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.status.Fallback;
import dev.cos.installer.status.StatusReader;
import dev.cos.installer.status.SystemStatus;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.installed.LocatedSystem;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.tools.GrubEnvBlock;
import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only diagnosis of an installed system (docs/repair.md). Partitions are located first and
 * checked with {@code e2fsck -fn} / {@code fsck.vfat -n} before anything is mounted (offline the
 * image file is attached read-only), so a partition too damaged to mount is still reported; then
 * COS_STATE, COS_RECOVERY and COS_OEM are mounted read-only (ext3/4 with noload) for the images,
 * GRUB files, environment blocks, state.yaml copies, free space and boot assessment. Partitions the
 * running system has mounted are checked with -n as well, and say so. Changes nothing.
 */
public final class Diagnoser {

    private static final List<PartitionRole> CHECKED = List.of(PartitionRole.EFI, PartitionRole.OEM,
            PartitionRole.RECOVERY, PartitionRole.STATE, PartitionRole.PERSISTENT);

    private final CommandRunner runner;
    private final SystemOpener opener;
    private final StatusReader statusReader;

    public Diagnoser(CommandRunner runner, SystemOpener opener, StatusReader statusReader) {
        this.runner = runner;
        this.opener = opener;
        this.statusReader = statusReader;
    }

    /**
     * @throws InstallerException only when the system cannot even be located (not a cOS disk, no
     *     loop device); everything found after that is a finding
     */
    public Diagnosis diagnose(SystemLocation location, CleanupStack cleanup) {
        LocatedSystem located = opener.withOptionalPartitions(opener.locate(location, false, cleanup));
        List<Diagnosis.Finding> findings = new ArrayList<>();
        List<Diagnosis.PartitionCheck> partitions = new ArrayList<>();
        for (PartitionRole role : CHECKED) {
            String device = located.devices().get(role);
            if (device == null) {
                continue;
            }
            Diagnosis.PartitionCheck check = checkPartition(role, device, located.mountedAt(role).orElse(""));
            partitions.add(check);
            switch (check.result()) {
                case "errors" -> findings.add(error(Words.FINDING_PARTITION_ERRORS.with(check.label(), role.gptName(),
                        String.join(" / ", check.output().stream().limit(3).toList())), "fsck"));
                case "failed" -> findings.add(error(Words.FINDING_PARTITION_UNCHECKED.with(check.label(), role.gptName(),
                        String.join(" / ", check.output().stream().limit(3).toList())), "fsck"));
                default -> { }
            }
        }
        OpenedSystem system;
        try {
            system = opener.mount(located, false, cleanup);
        } catch (InstallerException e) {
            findings.add(error(Words.FINDING_UNMOUNTABLE.with(e.getMessage()), "fsck"));
            return new Diagnosis(located.booted().map(s -> s.cliName()).orElse("offline"), false, findings, partitions,
                    List.of(), List.of(), List.of(), List.of(), Map.of(), new Diagnosis.Boot(List.of(), "", "", Map.of(),
                    Diagnosis.BootFallback.NONE));
        }
        SystemStatus status = statusReader.read(system);
        List<Diagnosis.ImageCheck> images = status.images().stream().map(image -> checkImage(system, image)).toList();
        for (Diagnosis.ImageCheck image : images) {
            if (!image.result().equals("clean")) {
                // A missing image or file has a text of its own: no English argument for a translation to carry.
                boolean missing = image.result().equals("missing");
                findings.add(switch (image.slot()) {
                    case "recovery" -> error(missing ? Words.FINDING_IMAGE_RECOVERY_MISSING.with(image.file())
                            : Words.FINDING_IMAGE_RECOVERY.with(image.file(), image.result()), "");
                    case "active" -> error(missing ? Words.FINDING_IMAGE_ACTIVE_MISSING.with(image.file())
                            : Words.FINDING_IMAGE_ACTIVE.with(image.file(), image.result()), "rollback");
                    default -> error(missing ? Words.FINDING_IMAGE_PASSIVE_MISSING.with(image.file())
                            : Words.FINDING_IMAGE_PASSIVE.with(image.file(), image.result()), "reset");
                });
            }
        }
        List<Diagnosis.FileCheck> bootFiles = bootFiles(system, located);
        bootFiles.stream().filter(f -> !f.problem().isEmpty()).forEach(f -> findings.add(error(f.problem().equals("missing")
                ? Words.FINDING_BOOT_FILE_MISSING.with(f.file()) : Words.FINDING_BOOT_FILE.with(f.file(), f.problem()),
                "bootloader")));
        List<Diagnosis.FileCheck> envFiles = envFiles(system);
        envFiles.stream().filter(f -> !f.problem().isEmpty()).forEach(f -> findings.add(error(f.problem().equals("missing")
                ? Words.FINDING_ENV_FILE_MISSING.with(f.file()) : Words.FINDING_ENV_FILE.with(f.file(), f.problem()),
                "grub-env")));
        List<Diagnosis.FileCheck> stateFiles = stateFiles(system);
        stateFiles.stream().filter(f -> !f.problem().isEmpty()).forEach(f -> findings.add(Diagnosis.Finding.of("warning",
                f.problem().equals("missing") ? Words.FINDING_STATE_FILE_MISSING.with(f.file())
                        : Words.FINDING_STATE_FILE.with(f.file(), f.problem()), "")));
        if (!status.nextUpgradeFits()) {
            findings.add(Diagnosis.Finding.of("warning", Words.FINDING_LOW_SPACE.with(
                    status.freeBytes().get(system.state().stateLabel()), status.nextUpgradeBytes()), ""));
        }
        Optional<BootFailure> failure = bootFailure(status);
        Diagnosis.Boot boot = boot(status, failure);
        if (failure.isPresent()) {
            // After a fallback to recovery neither image booted: a reset redeploys both from recovery.
            String action = boot.fallback().to().equals("recovery") ? "reset"
                    : boot.failedSlot().equals("active") ? "rollback" : "";
            findings.add(Diagnosis.Finding.of("warning", failure.get().how(), action));
        }
        findings.sort((a, b) -> a.severity().equals(b.severity()) ? 0 : a.severity().equals("error") ? -1 : 1);
        boolean healthy = findings.stream().noneMatch(f -> f.severity().equals("error"));
        return new Diagnosis(status.booted(), healthy, findings, partitions, images, bootFiles, envFiles, stateFiles,
                status.freeBytes(), boot);
    }

    private static Diagnosis.Finding error(Phrase phrase, String action) {
        return Diagnosis.Finding.of("error", phrase, action);
    }

    private Diagnosis.PartitionCheck checkPartition(PartitionRole role, String device, String mountedAt) {
        CommandResult probed = runner.execute(Command.of("blkid", "-p", "-o", "export", device));
        FilesystemProbe probe = probed.succeeded() ? FilesystemProbe.parse(probed.stdout()) : FilesystemProbe.NONE;
        String note = mountedAt.isEmpty() ? "" : "mounted at " + mountedAt + ": checked read-only";
        Optional<Command> check = Fsck.command(probe.type(), device, Fsck.Mode.CHECK);
        if (check.isEmpty()) {
            return new Diagnosis.PartitionCheck(role.gptName(), probe.label(), device, probe.type(),
                    probe.type().isEmpty() ? "failed" : "not-checked", -1, mountedAt,
                    probe.type().isEmpty() ? "no filesystem found (blkid -p)" : "no checker for " + probe.type(),
                    probe.type().isEmpty() ? List.of("blkid -p finds no filesystem on " + device) : List.of());
        }
        CommandResult result = runner.execute(check.get());
        return new Diagnosis.PartitionCheck(role.gptName(), probe.label(), device, probe.type(),
                Fsck.verdict(probe.type(), result.exitCode()), result.exitCode(), mountedAt, note, Fsck.firstLines(result));
    }

    /** An image file: present, readable (its first block), and its own check (e2fsck -fn or unsquashfs -s). */
    private Diagnosis.ImageCheck checkImage(OpenedSystem system, SystemStatus.Image image) {
        Path file = imagePath(system, image.file());
        if (!image.present()) {
            return new Diagnosis.ImageCheck(image.slot(), image.file(), false, false, image.fs(), "missing", List.of());
        }
        boolean readable;
        try (var in = Files.newInputStream(file)) {
            readable = in.readNBytes(4096).length == 4096;
        } catch (IOException e) {
            readable = false;
        }
        if (!readable) {
            return new Diagnosis.ImageCheck(image.slot(), image.file(), true, false, image.fs(), "unreadable",
                    List.of("cannot read the first 4096 bytes of " + image.file()));
        }
        boolean squashfs = image.file().endsWith(".squashfs");
        CommandResult result = runner.execute(squashfs ? Command.of("unsquashfs", "-s", file.toString())
                : Command.of("e2fsck", "-fn", file.toString()));
        String verdict = squashfs ? (result.succeeded() ? "clean" : "errors") : Fsck.verdict("ext2", result.exitCode());
        return new Diagnosis.ImageCheck(image.slot(), image.file(), true, true, squashfs ? "squashfs" : "ext2",
                verdict.equals("repaired") ? "errors" : verdict, result.succeeded() ? List.of() : Fsck.firstLines(result));
    }

    private static Path imagePath(OpenedSystem system, String name) {
        String relative = name.substring(name.indexOf(":/") + 2);
        return name.startsWith("COS_RECOVERY") ? system.mount(PartitionRole.RECOVERY).resolve(relative)
                : system.mount(PartitionRole.STATE).resolve(relative);
    }

    /** GRUB's files as docs/boot.md lays them out: on COS_STATE, and BOOTX64.EFI on the ESP (read with mtools). */
    private List<Diagnosis.FileCheck> bootFiles(OpenedSystem system, LocatedSystem located) {
        Path state = system.mount(PartitionRole.STATE);
        List<String> files = new ArrayList<>(List.of("grub2/grub.cfg", "grub2/embedded.cfg"));
        Optional<String> esp = Optional.ofNullable(located.devices().get(PartitionRole.EFI));
        if (esp.isPresent()) {
            files.add("grub2/x86_64-efi/grub.efi");
        }
        if (Files.isDirectory(state.resolve("grub2/i386-pc"))) {
            files.add("grub2/i386-pc/core.img");
        }
        List<Diagnosis.FileCheck> checks = new ArrayList<>();
        for (String relative : files) {
            Path file = state.resolve(relative);
            boolean present = Files.isRegularFile(file);
            checks.add(new Diagnosis.FileCheck("COS_STATE:/" + relative, present, !present ? "missing"
                    : !Files.isReadable(file) || size(file) == 0 ? "empty or unreadable" : ""));
        }
        if (esp.isPresent()) {
            String espFile = "/EFI/BOOT/BOOTX64.EFI";
            CommandResult listed = runner.execute(Command.of("mdir", "-b", "-i", esp.get(), "::" + espFile));
            boolean present = listed.succeeded() && listed.stdout().toUpperCase(java.util.Locale.ROOT).contains("BOOTX64.EFI");
            checks.add(new Diagnosis.FileCheck("COS_GRUB:" + espFile, present, present ? "" : "missing or unreadable ("
                    + (listed.stderr().isBlank() ? "mdir lists nothing" : listed.stderr().strip().lines().findFirst().orElse(""))
                    + ")"));
        }
        return checks;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** COS_OEM:/grubenv (1024 bytes, GRUB saves to it) and COS_STATE:/grub_oem_env, listed by grub-editenv. */
    private List<Diagnosis.FileCheck> envFiles(OpenedSystem system) {
        List<Diagnosis.FileCheck> checks = new ArrayList<>();
        for (Map.Entry<String, Path> env : Map.of("COS_OEM:/grubenv", system.mount(PartitionRole.OEM).resolve("grubenv"),
                "COS_STATE:/grub_oem_env", system.mount(PartitionRole.STATE).resolve("grub_oem_env")).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            Path file = env.getValue();
            if (!Files.isRegularFile(file)) {
                checks.add(new Diagnosis.FileCheck(env.getKey(), false, "missing"));
                continue;
            }
            CommandResult listed = runner.execute(Command.of("grub-editenv", file.toString(), "list"));
            String problem = "";
            if (!listed.succeeded()) {
                problem = "grub-editenv cannot read it (" + listed.stderr().strip() + ")";
            } else if (size(file) != GrubEnvBlock.SIZE_BYTES) {
                problem = "it is " + size(file) + " bytes, not " + GrubEnvBlock.SIZE_BYTES + ": GRUB cannot save to it";
            }
            checks.add(new Diagnosis.FileCheck(env.getKey(), true, problem));
        }
        return checks;
    }

    /** Both state.yaml copies parse, and agree. */
    private static List<Diagnosis.FileCheck> stateFiles(OpenedSystem system) {
        List<Diagnosis.FileCheck> checks = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY)) {
            String name = role.defaultLabel().orElseThrow() + ":/state.yaml";
            Path file = system.mount(role).resolve("state.yaml");
            if (!Files.isRegularFile(file)) {
                checks.add(new Diagnosis.FileCheck(name, false, "missing"));
                continue;
            }
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                StateYamlReader.parse(text, name);
                texts.add(text);
                checks.add(new Diagnosis.FileCheck(name, true, ""));
            } catch (IOException | InstallerException e) {
                checks.add(new Diagnosis.FileCheck(name, true, FailureWords.describe(e)));
            }
        }
        if (texts.size() == 2 && !texts.get(0).equals(texts.get(1))) {
            checks.add(new Diagnosis.FileCheck("COS_RECOVERY:/state.yaml", true, "differs from COS_STATE's copy (an"
                    + " interrupted upgrade; the next upgrade copies COS_STATE's over it)"));
        }
        return checks;
    }

    /** A slot that failed to boot, and how. */
    private record BootFailure(String slot, Phrase how) {}

    /** Which slot failed and how, from the boot assessment (grubenv counters, the booted slot, a rehearsal). */
    private static Optional<BootFailure> bootFailure(SystemStatus status) {
        Optional<Fallback> fallback = status.fallback();
        Map<String, String> env = status.grubenv();
        if (fallback.isPresent()) {
            return Optional.of(new BootFailure(fallback.get().firstFailed().slot(), fallback.get().phrase()));
        } else if (!env.getOrDefault("cos_tries_active", "").isEmpty() && !status.booted().equals("active")) {
            return Optional.of(new BootFailure("active",
                    Words.FINDING_BOOT_UNCONFIRMED_ACTIVE.with(env.get("cos_tries_active").length())));
        } else if (!env.getOrDefault("cos_tries_passive", "").isEmpty() && !status.booted().equals("passive")) {
            return Optional.of(new BootFailure("passive",
                    Words.FINDING_BOOT_UNCONFIRMED_PASSIVE.with(env.get("cos_tries_passive").length())));
        }
        return status.rehearsal().filter(r -> r.result().equals("failed"))
                .map(r -> new BootFailure("passive", Words.FINDING_REHEARSAL_FAILED.with(r.reason())));
    }

    private static Diagnosis.Boot boot(SystemStatus status, Optional<BootFailure> failure) {
        Optional<Fallback> fallback = status.fallback();
        return new Diagnosis.Boot(status.bootNotes(), failure.map(BootFailure::slot).orElse(""),
                failure.map(f -> f.how().english()).orElse(""), status.grubenv(),
                fallback.map(f -> new Diagnosis.BootFallback(f.to(),
                f.failed().stream().map(Diagnoser::slotVersion).toList(), slotVersion(f.running())))
                .orElse(Diagnosis.BootFallback.NONE));
    }

    private static Diagnosis.SlotVersion slotVersion(SystemStatus.Image image) {
        return new Diagnosis.SlotVersion(image.slot(), image.version().orElse(""));
    }
}
