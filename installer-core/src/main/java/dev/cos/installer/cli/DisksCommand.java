package dev.cos.installer.cli;

import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.Json;
import dev.cos.installer.disk.BlockDevice;
import dev.cos.installer.disk.DiskPartition;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.service.DisksService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cos-installer disks}: the disks an installation could target, and why a disk cannot be used. */
@Command(name = "disks",
        mixinStandardHelpOptions = true,
        description = "Lists disks and loop devices with their partitions, and whether each can be installed on.")
public final class DisksCommand implements Runnable {

    @CommandLine.Mixin
    EngineWiring wiring;

    @CommandLine.Mixin
    AnswerOutput output;

    @Option(names = "--min-size", defaultValue = "4G", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Disks smaller than this are reported as too small (default: ${DEFAULT-VALUE}).")
    ByteSize minimumSize;

    @Override
    public void run() {
        List<BlockDevice> disks = new DisksService(wiring.get()).disks(minimumSize);
        output.print(() -> json(disks, minimumSize), out -> out.print(table(disks)));
    }

    /** The table for people: one line per disk, its partitions indented, then the reasons it cannot be used. */
    static String table(List<BlockDevice> disks) {
        if (disks.isEmpty()) {
            return "No disks found.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("PATH", "SIZE", "MODEL", "TRANSPORT", "INSTALLABLE"));
        for (BlockDevice disk : disks) {
            rows.add(List.of(disk.path(), disk.size().human(), dash(disk.model()), dash(disk.transport()),
                    disk.installable() ? "yes" : "no"));
        }
        List<String> diskLines = columns(rows, "");
        StringBuilder text = new StringBuilder(diskLines.get(0)).append('\n');
        for (int i = 0; i < disks.size(); i++) {
            BlockDevice disk = disks.get(i);
            text.append(diskLines.get(i + 1)).append('\n');
            List<List<String>> parts = new ArrayList<>();
            for (DiskPartition p : disk.partitions()) {
                parts.add(List.of(String.valueOf(p.number()), p.size().human(), dash(p.gptName()), dash(p.fsType()),
                        dash(p.fsLabel()), p.mountpoints().isEmpty() ? "-" : String.join(",", p.mountpoints())));
            }
            columns(parts, "    ").forEach(line -> text.append(line).append('\n'));
            disk.eligibility().reasons().forEach(r -> text.append("    not installable: ").append(r.message()).append('\n'));
        }
        return text.toString();
    }

    private static List<String> columns(List<List<String>> rows, String indent) {
        int[] widths = new int[rows.isEmpty() ? 0 : rows.get(0).size()];
        rows.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < row.size(); c++) {
                line.append(c + 1 < row.size() ? String.format(Locale.ROOT, "%-" + widths[c] + "s  ", row.get(c)) : row.get(c));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String dash(String text) {
        return text.isEmpty() ? "-" : text;
    }

    static String json(List<BlockDevice> disks, ByteSize minimumSize) {
        List<DiskList.Disk> out = disks.stream().map(d -> new DiskList.Disk(d.path(), d.name(), lower(d.type().name()),
                d.size().bytes(), d.size().human(), d.model(), d.serial(), d.transport(), d.removable(), d.readOnly(),
                d.sectorSizeBytes(), d.installable(),
                d.eligibility().reasons().stream().map(r -> new DiskList.Reason(lower(r.kind().name()), r.message())).toList(),
                d.partitions().stream().map(p -> new DiskList.Partition(p.number(), p.path(), p.size().bytes(),
                        p.size().human(), p.gptName(), p.gptTypeGuid(), p.fsType(), p.fsLabel(), p.mountpoints())).toList()))
                .toList();
        return Json.pretty(new DiskList(minimumSize.bytes(), out)) + "\n";
    }

    /** {@code HOLDS_RUNNING_ROOT} -> {@code holds-running-root}. */
    private static String lower(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code --min-size 4G}. */
    static final class SizeConverter implements CommandLine.ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String value) {
            try {
                return ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
