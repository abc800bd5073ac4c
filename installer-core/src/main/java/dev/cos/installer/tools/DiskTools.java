package dev.cos.installer.tools;

import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.layout.PlannedPartition;
import dev.cos.installer.process.Command;
import java.util.ArrayList;
import java.util.List;

/** argv builders for the tools that attach, partition and probe a disk. Pure. */
public final class DiskTools {

    private DiskTools() {
    }

    /** Creates a sparse file of the given size (no bytes are written). */
    /** Attaches a file as the first free loop device and prints its name; scans partitions where the kernel can. */
    public static Command losetupAttach(String file) {
        return Command.of("losetup", "--find", "--show", "--partscan", file);
    }

    public static Command losetupDetach(String device) {
        return Command.of("losetup", "--detach", device);
    }

    public static Command blockdevSize(String device) {
        return Command.of("blockdev", "--getsize64", device);
    }

    public static Command blockdevSectorSize(String device) {
        return Command.of("blockdev", "--getss", device);
    }

    /**
     * Removes every filesystem, RAID and partition-table signature from the whole disk. Never with
     * --force: without it wipefs opens the disk exclusively, so the kernel refuses it while any of
     * its partitions is mounted or held (the last line of defence behind the in-use check).
     */
    public static Command wipefs(String device) {
        return Command.of("wipefs", "--all", device);
    }

    /** Destroys GPT and MBR structures (both copies of the GPT). */
    public static Command sgdiskZap(String device) {
        return Command.of("sgdisk", "--zap-all", device);
    }

    /** One sgdisk call writes the whole table: start/end sectors, type codes and GPT names. */
    public static Command sgdiskCreate(String device, PartitionPlan plan, int sectorBytes) {
        List<String> argv = new ArrayList<>(List.of("sgdisk"));
        for (PlannedPartition p : plan.partitions()) {
            int n = p.number();
            argv.add("--new=" + n + ":" + p.startSector(sectorBytes) + ":" + p.endSector(sectorBytes));
            argv.add("--typecode=" + n + ":" + p.role().typeCode());
            argv.add("--change-name=" + n + ":" + p.gptName());
        }
        argv.add(device);
        return Command.of(argv);
    }

    /** Tells the kernel about the partitions (needed where it does not scan GPT itself). */
    public static Command partxAdd(String device) {
        return Command.of("partx", "--add", device);
    }

    public static Command partxDelete(String device) {
        return Command.of("partx", "--delete", device);
    }

    public static Command sync() {
        return Command.of("sync");
    }

    /**
     * {@code <disk>N}, or {@code <disk>pN} when the disk name ends in a digit (nvme0n1p1) or is a
     * loop device (loop0p1; also the plan's placeholder /dev/loopN).
     */
    public static String partitionDevice(String disk, int number) {
        boolean separator = Character.isDigit(disk.charAt(disk.length() - 1)) || disk.startsWith("/dev/loop");
        return (separator ? disk + "p" : disk) + number;
    }
}
