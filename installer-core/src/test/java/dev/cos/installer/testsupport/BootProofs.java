package dev.cos.installer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Boots of interrupted disks, each distinct state once: a disk whose {@link BootFingerprint} equals
 * one already booted on the same firmware (by this object, in this run) gets that boot's COS-BOOTED
 * line without booting again, and the test log says which boot stands for it.
 */
public final class BootProofs {

    private final Duration timeout;
    private final Path work;
    /** fingerprint + firmware -> the boot that proved it. */
    private final Map<String, Proof> booted = new HashMap<>();

    /** A boot: its name, the one COS-BOOTED line it printed, and its full result. */
    public record Proof(String name, String bootedLine, Qemu.Result result) {}

    /** @param work a scratch directory for the files the fingerprint reads */
    public BootProofs(Duration timeout, Path work) {
        this.timeout = timeout;
        this.work = work;
    }

    /**
     * Boots the disk (the guest must power itself off: {@code cos.test=poweroff}) and returns its
     * one COS-BOOTED line, or the line of the earlier boot of the same bytes on this firmware.
     */
    public Proof boot(GptDisk disk, boolean uefi, String name) {
        String key = key(disk, uefi);
        Proof known = booted.get(key);
        if (known != null) {
            System.out.println(name + ": the same bytes as " + known.name() + " (" + known.bootedLine()
                    + "): not booted again");
            return known;
        }
        Qemu.Boot boot = Qemu.Boot.disk(disk.image()).timeout(timeout).noReboot(true);
        Qemu.Result result = (uefi ? boot.uefi() : boot.bios()).run(name);
        assertFalse(result.timedOut(), name + ": the disk boots a system: " + result);
        assertEquals(0, result.exit(), name + ": the guest powered off: " + result);
        List<String> lines = Qemu.bootedLines(result.serial());
        assertEquals(1, lines.size(), name + ": " + result);
        Proof proof = new Proof(name, lines.get(0), result);
        booted.put(key, proof);
        return proof;
    }

    /**
     * The earlier boot of the same bytes on this firmware, without booting: for a stop point not booted
     * in this run ({@link BootSample}), the proof its disk would have had anyway; empty when none.
     */
    public Optional<Proof> alreadyBooted(GptDisk disk, boolean uefi, String name) {
        Optional<Proof> known = Optional.ofNullable(booted.get(key(disk, uefi)));
        known.ifPresent(p -> System.out.println(name + ": the same bytes as " + p.name() + " (" + p.bootedLine() + ")"));
        return known;
    }

    private String key(GptDisk disk, boolean uefi) {
        return BootFingerprint.of(disk, work) + (uefi ? " uefi" : " bios");
    }
}
