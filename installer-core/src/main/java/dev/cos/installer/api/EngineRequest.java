package dev.cos.installer.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the engine as the GUI asks it: a record per verb, whose {@link #argv()} are the CLI's
 * arguments (docs/engine-session.md sends them as a request's {@code args}). The system verbs act on
 * the running system, or offline on {@code offline}'s disk or image file. Pure.
 */
public sealed interface EngineRequest {

    /** The CLI arguments of this call, in a stable order. */
    List<String> argv();

    /** {@code disks --json}: answers {@link DiskList}. */
    record Disks() implements EngineRequest {
        public List<String> argv() {
            return List.of("disks", "--json");
        }
    }

    /** {@code check --json}: answers {@link SystemCheck}. */
    record Check() implements EngineRequest {
        public List<String> argv() {
            return List.of("check", "--json");
        }
    }

    /** {@code plan --json ...}: answers {@link InstallPlan}. */
    record Plan(InstallRequest install) implements EngineRequest {
        public List<String> argv() {
            return join(List.of("plan", "--json"), install.arguments());
        }
    }

    /** {@code install --yes --progress=json ...}: events, {@link JobFacts.Install}, {@link JobSummary.Install}. */
    record Install(InstallRequest install) implements EngineRequest {
        public List<String> argv() {
            return join(List.of("install", "--yes", "--progress=json"), install.arguments());
        }
    }

    /**
     * {@code inspect --progress=json [--allow-unverified] [--no-pull] [SOURCE]}: events, summary
     * {@link SourceInfo}; no source = the bundled demo image.
     *
     * @param noPull a container image only: pin and verify it from its manifest and config, no layer read
     */
    record Inspect(Optional<String> source, boolean allowUnverified, boolean noPull) implements EngineRequest {
        public Inspect {
            Objects.requireNonNull(source, "source");
        }

        /** The source read fully, as install's verify step reads it. */
        public Inspect(Optional<String> source, boolean allowUnverified) {
            this(source, allowUnverified, false);
        }

        public List<String> argv() {
            List<String> args = new ArrayList<>(List.of("inspect", "--progress=json"));
            if (allowUnverified) {
                args.add("--allow-unverified");
            }
            if (noPull) {
                args.add("--no-pull");
            }
            source.ifPresent(args::add);
            return List.copyOf(args);
        }
    }

    /** {@code repair --describe --json}: answers {@link RepairCatalog}. */
    record DescribeRepairs() implements EngineRequest {
        public List<String> argv() {
            return List.of("repair", "--describe", "--json");
        }
    }

    /** {@code status --json}: answers {@link StatusAnswer}. */
    record Status(Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            return system(List.of("status", "--json"), offline);
        }
    }

    /**
     * {@code upgrade-check --json --source S}: answers {@link UpgradeCheck}, the tag's digest by a manifest
     * HEAD against the running slot's (the tray's update check; nothing downloaded).
     */
    record CheckUpgrade(String source, Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            return system(List.of("upgrade-check", "--json", "--source", source), offline);
        }
    }

    /** {@code diagnose --json}: answers {@link DiagnoseAnswer} (exit 1 when it found an error). */
    record Diagnose(Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            return system(List.of("diagnose", "--json"), offline);
        }
    }

    /** {@code upgrade --progress=json --source S [--recovery]}: events, {@link JobFacts.Upgrade}, {@link JobSummary.Upgrade}. */
    record Upgrade(String source, boolean recovery, Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            List<String> args = new ArrayList<>(List.of("upgrade", "--progress=json", "--source", source));
            if (recovery) {
                args.add("--recovery");
            }
            return system(args, offline);
        }
    }

    /** {@code bootentry --select SLOT [--once] [--rehearsal]}: prints the variable it set (no JSON). */
    record BootEntry(String slot, boolean once, boolean rehearsal, Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            List<String> args = new ArrayList<>(List.of("bootentry", "--select", slot));
            if (once) {
                args.add("--once");
            }
            if (rehearsal) {
                args.add("--rehearsal");
            }
            return system(args, offline);
        }
    }

    /** {@code rollback --swap --progress=json}: events, {@link JobFacts.Rollback}, {@link JobSummary.Rollback}. */
    record RollbackSwap(Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            return system(List.of("rollback", "--swap", "--progress=json"), offline);
        }
    }

    /**
     * {@code repair --fsck|--bootloader|--grub-env --progress=json}: events, {@link JobFacts.Repair},
     * {@link JobSummary.Repair}.
     *
     * @param partitions with FSCK: only these partitions (label or GPT name); empty = all
     * @param yesFix with FSCK: answer yes to every fix ({@code -y}) instead of only the safe ones ({@code -p})
     */
    record Repair(RepairKind kind, List<String> partitions, boolean yesFix, Optional<OfflineSystem> offline)
            implements EngineRequest {
        public Repair {
            partitions = List.copyOf(partitions);
        }

        public List<String> argv() {
            List<String> args = new ArrayList<>(system(List.of("repair", kind.flag(), "--progress=json"), offline));
            if (kind == RepairKind.FSCK) {
                partitions.forEach(p -> args.addAll(List.of("--partition", p)));
                if (yesFix) {
                    args.add("--yes-fix");
                }
            }
            return List.copyOf(args);
        }
    }

    /** {@code reset --progress=json [--reset-persistent] [--reset-oem]}: events, {@link JobFacts.Reset}, {@link JobSummary.Reset}. */
    record Reset(boolean resetPersistent, boolean resetOem, Optional<OfflineSystem> offline) implements EngineRequest {
        public List<String> argv() {
            List<String> args = new ArrayList<>(system(List.of("reset", "--progress=json"), offline));
            if (resetPersistent) {
                args.add("--reset-persistent");
            }
            if (resetOem) {
                args.add("--reset-oem");
            }
            return List.copyOf(args);
        }
    }

    private static List<String> join(List<String> verb, List<String> arguments) {
        List<String> args = new ArrayList<>(verb);
        args.addAll(arguments);
        return List.copyOf(args);
    }

    /** A system verb's arguments, then {@code --target FILE --as-booted SLOT} when offline. */
    private static List<String> system(List<String> verb, Optional<OfflineSystem> offline) {
        return join(verb, offline.map(OfflineSystem::arguments).orElse(List.of()));
    }
}
