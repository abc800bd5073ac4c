package dev.cos.installer.bootentry;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.tools.GrubEditenv;
import dev.cos.installer.tools.GrubEnvBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.OffsetDateTime;
import dev.cos.installer.status.Rehearsal;
import java.util.function.Consumer;

/**
 * Chooses the slot GRUB boots (spec section 5): {@code next_entry} (one boot only) or
 * {@code saved_entry} in COS_OEM:/grubenv. The file is rewritten IN PLACE: grub-editenv truncates
 * and recreates, and GRUB's save_env only works on the blocks the file already has (and does not
 * replay the ext4 journal), so grub-editenv edits a copy and {@code dd conv=notrunc,fsync} writes
 * its 1024 bytes back over the same blocks.
 */
public final class BootEntryWriter {

    public static final String NEXT_ENTRY = "next_entry";
    public static final String SAVED_ENTRY = "saved_entry";

    private final CommandRunner runner;
    private final Path workDir;

    /** @param workDir a private directory for the edited copy */
    public BootEntryWriter(CommandRunner runner, Path workDir) {
        this.runner = runner;
        this.workDir = workDir;
    }

    /**
     * A writer whose work directory is a new private directory under java.io.tmpdir, removed by
     * {@code cleanup}: for jobs that have no work directory of their own.
     */
    public static BootEntryWriter withPrivateWorkDir(CommandRunner runner, CleanupStack cleanup) {
        try {
            Path dir = Files.createTempDirectory("cos-installer-grubenv-");
            cleanup.push("remove " + dir, () -> Files.deleteIfExists(dir));
            return new BootEntryWriter(runner, dir);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.STATE_FILE, "cannot create a work directory for editing COS_OEM:/grubenv: "
                    + e.getMessage());
        }
    }

    /**
     * @return the variable set and its value (the slot's menu entry id)
     * @throws InstallerException STATE_FILE when COS_OEM has no valid 1024-byte grubenv
     */
    public Map.Entry<String, String> select(OpenedSystem system, Slot slot, boolean once) {
        String variable = once ? NEXT_ENTRY : SAVED_ENTRY;
        edit(system, Map.of(variable, slot.menuEntry()), present(system, slotMarks(slot)));
        return Map.entry(variable, slot.menuEntry());
    }

    /** The failure mark and the attempt counter of active or passive (none for recovery): a person chose that slot again. */
    public static List<String> slotMarks(Slot slot) {
        return slot == Slot.RECOVERY ? List.of() : List.of(slot.failedMark(), slot.triesCounter());
    }

    /**
     * Removes those of {@code names} that COS_OEM:/grubenv holds, in place; a missing or damaged
     * block is left as it is (said to {@code log}: GRUB then keeps no marks anyway, and
     * {@code repair --grub-env} restores it).
     *
     * @return the names removed
     */
    public List<String> forget(OpenedSystem system, List<String> names, Consumer<String> log) {
        Optional<Map<String, String>> env = read(system);
        if (env.isEmpty()) {
            log.accept("COS_OEM:/grubenv is missing or damaged: left as it is ('repair --grub-env' restores it)");
            return List.of();
        }
        List<String> unset = names.stream().filter(env.get()::containsKey).toList();
        if (!unset.isEmpty()) {
            log.accept("removing " + String.join(", ", unset) + " from COS_OEM:/grubenv");
            edit(system, Map.of(), unset);
        }
        return unset;
    }

    /** Those of {@code names} that COS_OEM:/grubenv holds (none when it cannot be read: {@link #edit} says why). */
    private static List<String> present(OpenedSystem system, List<String> names) {
        return read(system).map(env -> names.stream().filter(env::containsKey).toList()).orElse(List.of());
    }

    /** The variables of COS_OEM:/grubenv; empty when it is missing or no environment block. */
    public static Optional<Map<String, String>> read(OpenedSystem system) {
        try {
            return Optional.of(GrubEnvBlock.parse(Files.readAllBytes(system.mount(PartitionRole.OEM).resolve("grubenv"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A rollback rehearsal: passive for the next boot only, and {@code cos_rehearsal=pending} with the
     * time, which GRUB and the booted passive system turn into the result (status/Rehearsal).
     */
    public void rehearse(OpenedSystem system, OffsetDateTime now) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put(NEXT_ENTRY, Slot.PASSIVE.menuEntry());
        set.put(Rehearsal.VARIABLE, "pending");
        set.put(Rehearsal.REQUESTED_AT, now.toString());
        edit(system, set, present(system, slotMarks(Slot.PASSIVE)));
    }

    /**
     * Sets and removes variables of COS_OEM:/grubenv in place (same 1024 bytes, same blocks).
     *
     * @throws InstallerException STATE_FILE when COS_OEM has no valid 1024-byte grubenv
     */
    public void edit(OpenedSystem system, Map<String, String> set, List<String> unset) {
        Path grubenv = system.mount(PartitionRole.OEM).resolve("grubenv");
        Path copy = workDir.resolve("grubenv.edit");
        try {
            if (!Files.isRegularFile(grubenv) || Files.size(grubenv) != GrubEnvBlock.SIZE_BYTES) {
                throw new InstallerException(ErrorCode.STATE_FILE, "COS_OEM:/grubenv is missing or not 1024 bytes: GRUB"
                        + " can only save to an existing, fully allocated block; recreate it with"
                        + " 'cos-installer repair --grub-env'");
            }
            GrubEnvBlock.parse(Files.readAllBytes(grubenv));
            Files.copy(grubenv, copy, StandardCopyOption.REPLACE_EXISTING);
            if (!set.isEmpty()) {
                runner.run(GrubEditenv.set(copy.toString(), set));
            }
            if (!unset.isEmpty()) {
                List<String> argv = new ArrayList<>(List.of("grub-editenv", copy.toString(), "unset"));
                argv.addAll(unset);
                runner.run(Command.of(argv));
            }
            if (Files.size(copy) != GrubEnvBlock.SIZE_BYTES) {
                throw new InstallerException(ErrorCode.STATE_FILE, "grub-editenv left a block of " + Files.size(copy)
                        + " bytes, not " + GrubEnvBlock.SIZE_BYTES + ": COS_OEM:/grubenv was not changed");
            }
            runner.run(writeInPlace(copy, grubenv));
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ErrorCode.STATE_FILE, "COS_OEM:/grubenv is damaged (" + e.getMessage()
                    + "): recreate it with 'cos-installer repair --grub-env'");
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.STATE_FILE, "cannot edit COS_OEM:/grubenv: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a private work dir; removed with it
            }
        }
    }

    /** Writes a 1024-byte block over an existing file's first block, keeping its blocks, and fsyncs. */
    public static Command writeInPlace(Path block, Path file) {
        return Command.of("dd", "if=" + block, "of=" + file, "bs=" + GrubEnvBlock.SIZE_BYTES, "count=1",
                "conv=notrunc,fsync", "status=none");
    }
}
