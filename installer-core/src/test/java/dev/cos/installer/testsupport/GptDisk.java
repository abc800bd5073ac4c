package dev.cos.installer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An installed disk image read with independent tools only: the table from {@code sfdisk -J},
 * filesystems through e2fsprogs' {@code ?offset=} and blkid's {@code -O}, files with debugfs.
 */
public final class GptDisk {

    /** One partition as sfdisk reports it. */
    public record Entry(int number, String name, String typeGuid, long startSector, long sizeSectors) {
        public long offsetBytes() {
            return startSector * 512;
        }

        public long sizeBytes() {
            return sizeSectors * 512;
        }
    }

    private final Path image;
    private final List<Entry> entries;

    private GptDisk(Path image, List<Entry> entries) {
        this.image = image;
        this.entries = entries;
    }

    public static GptDisk read(Path image) {
        try {
            JsonNode table = new ObjectMapper().readTree(Tools.run("sfdisk", "-J", image.toString())).path("partitiontable");
            if (!"gpt".equals(table.path("label").asText())) {
                throw new AssertionError("not a GPT disk: " + table);
            }
            List<Entry> entries = new ArrayList<>();
            int number = 1;
            for (JsonNode p : table.path("partitions")) {
                entries.add(new Entry(number++, p.path("name").asText(), p.path("type").asText(),
                        p.path("start").asLong(), p.path("size").asLong()));
            }
            return new GptDisk(image, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public Entry byName(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no partition named " + name + " in " + entries));
    }

    /** The e2fsprogs path of a filesystem inside the image. */
    public String extPath(String partitionName) {
        return image + "?offset=" + byName(partitionName).offsetBytes();
    }

    /** {@code blkid -p -o export} of the partition's filesystem, as KEY=VALUE lines. */
    public String blkid(String partitionName) {
        Entry entry = byName(partitionName);
        return Tools.run("blkid", "-p", "-o", "export", "-O", Long.toString(entry.offsetBytes()),
                "-S", Long.toString(entry.sizeBytes()), image.toString());
    }

    /** A file's bytes from an ext filesystem in the image, read by debugfs. */
    public String cat(String partitionName, String path) {
        return Tools.run("debugfs", "-R", "cat " + path, extPath(partitionName));
    }

    /** Copies a file out of an ext filesystem in the image, with debugfs. */
    public void dump(String partitionName, String path, Path to) {
        Tools.run("debugfs", "-R", "dump " + path + " " + to, extPath(partitionName));
    }

    public Path image() {
        return image;
    }
}
