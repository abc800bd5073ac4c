package dev.cos.installer.repair;

import dev.cos.installer.disk.FilesystemProbe;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.status.Fallback;
import dev.cos.installer.status.Rehearsal;
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
                case "errors" -> findings.add(error(check.label() + " (" + role.gptName() + ") has filesystem errors: "
                        + String.join(" / ", check.output().stream().limit(3).toList()), "fsck"));
                case "failed" -> findings.add(error("the filesystem check of " + check.label() + " (" + role.gptName()
                        + ") could not run: " + String.join(" / ", check.output().stream().limit(3).toList()), "fsck"));
                default -> { }
            }
        }
        OpenedSystem system;
        try {
            system = opener.mount(located, false, cleanup);
        } catch (InstallerException e) {
            findings.add(error("the cOS partitions cannot be mounted or read: " + e.getMessage(), "fsck"));
            return new Diagnosis(located.booted().map(s -> s.cliName()).orElse("offline"), false, findings, partitions,
                    List.of(), List.of(), List.of(), List.of(), Map.of(), new Diagnosis.Boot(List.of(), "", "", Map.of(),
                    Diagnosis.BootFallback.NONE));
        }
        SystemStatus status = statusReader.read(system);
        List<Diagnosis.ImageCheck> images = status.images().stream().map(image -> checkImage(system, image)).toList();
        for (Diagnosis.ImageCheck image : images) {
            if (!image.result().equals("clean")) {
                findings.add(image.slot().equals("recovery")
                        ? error(image.file() + " is " + image.result() + ": recovery cannot boot; upgrade the recovery"
                                + " image (upgrade --recovery)", "")
                        : error(image.file() + " is " + image.result() + (image.slot().equals("active")
                                ? ": the system falls back to passive; roll back (rollback --swap) or reset from recovery"
                                : ": there is no fallback system; upgrade again or reset from recovery"),
                        image.slot().equals("active") ? "rollback" : "reset"));
            }
        }
        List<Diagnosis.FileCheck> bootFiles = bootFiles(system, located);
        bootFiles.stream().filter(f -> !f.problem().isEmpty()).forEach(f -> findings.add(error(f.file() + ": " + f.problem()
                + "; reinstall the bootloader", "bootloader")));
        List<Diagnosis.FileCheck> envFiles = envFiles(system);
        envFiles.stream().filter(f -> !f.problem().isEmpty()).forEach(f -> findings.add(error(f.file() + ": " + f.problem()
                + "; restore the GRUB environment", "grub-env")));
        List<Diagnosis.FileCheck> stateFiles = stateFiles(system);
        stateFiles.stream().filter(f -> !f.problem().isEmpty()).forEach(f -> findings.add(new Diagnosis.Finding("warning",
                f.file() + ": " + f.problem(), "")));
        if (!status.nextUpgradeFits()) {
            findings.add(new Diagnosis.Finding("warning", "COS_STATE has too little free space for the next upgrade ("
                    + status.freeBytes().get(system.state().stateLabel()) + " bytes free, " + status.nextUpgradeBytes()
                    + " needed)", ""));
        }
        Diagnosis.Boot boot = boot(status);
        if (!boot.failedSlot().isEmpty()) {
            // After a fallback to recovery neither image booted: a reset redeploys both from recovery.
            String action = boot.fallback().to().equals("recovery") ? "reset"
                    : boot.failedSlot().equals("active") ? "rollback" : "";
            findings.add(new Diagnosis.Finding("warning", boot.how(), action));
        }
        findings.sort((a, b) -> a.severity().equals(b.severity()) ? 0 : a.severity().equals("error") ? -1 : 1);
        boolean healthy = findings.stream().noneMatch(f -> f.severity().equals("error"));
        return new Diagnosis(status.booted(), healthy, findings, partitions, images, bootFiles, envFiles, stateFiles,
                status.freeBytes(), boot);
    }

    private static Diagnosis.Finding error(String message, String action) {
        return new Diagnosis.Finding("error", message, action);
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

    /** Which slot failed and how, from the boot assessment (grubenv counters, the booted slot, a rehearsal). */
    private static Diagnosis.Boot boot(SystemStatus status) {
        String failed = "";
        String how = "";
        Optional<Fallback> fallback = status.fallback();
        Map<String, String> env = status.grubenv();
        if (fallback.isPresent()) {
            failed = fallback.get().firstFailed().slot();
            how = fallback.get().sentence();
        } else if (!env.getOrDefault("cos_tries_active", "").isEmpty() && !status.booted().equals("active")) {
            failed = "active";
            how = "active has " + env.get("cos_tries_active").length() + " unconfirmed boot attempt(s)"
                    + " (cos_tries_active): it started but never reported that it came up";
        } else if (!env.getOrDefault("cos_tries_passive", "").isEmpty() && !status.booted().equals("passive")) {
            failed = "passive";
            how = "passive has " + env.get("cos_tries_passive").length() + " unconfirmed boot attempt(s)"
                    + " (cos_tries_passive)";
        }
        Optional<Rehearsal> rehearsal = status.rehearsal();
        if (failed.isEmpty() && rehearsal.isPresent() && rehearsal.get().result().equals("failed")) {
            failed = "passive";
            how = "the rollback rehearsal failed: " + rehearsal.get().reason();
        }
        return new Diagnosis.Boot(status.bootNotes(), failed, how, env, fallback.map(f -> new Diagnosis.BootFallback(f.to(),
                f.failed().stream().map(Diagnoser::slotVersion).toList(), slotVersion(f.running())))
                .orElse(Diagnosis.BootFallback.NONE));
    }

    private static Diagnosis.SlotVersion slotVersion(SystemStatus.Image image) {
        return new Diagnosis.SlotVersion(image.slot(), image.version().orElse(""));
    }
}
