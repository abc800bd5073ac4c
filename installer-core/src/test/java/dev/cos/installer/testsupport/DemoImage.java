package dev.cos.installer.testsupport;

import dev.cos.installer.process.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo cOS root tree built by {@code packaging/demo-image/build-demo-image.sh}: the same cached
 * tree the script gives a person (under {@code ~/.cache/cos-installer/demo-image}), built from Debian's
 * kernel and busybox-static packages. It holds {@code /boot/vmlinuz}, {@code /boot/initrd},
 * {@code /sbin/init} and {@code /etc/os-release} with {@code VERSION_ID=<version>}.
 */
public final class DemoImage {

    private static final Map<String, Path> TREES = new ConcurrentHashMap<>();

    private DemoImage() {
    }

    /**
     * The tree for this version, built by the script at most once per version per JVM (the script's
     * own cache makes an unchanged rebuild instant). Callers must not modify it: copy it first.
     */
    public static Path tree(String version) {
        return TREES.computeIfAbsent(version, DemoImage::build);
    }

    /** The build script, found from the working directory (the module or the repository root). */
    public static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            Path script = at.resolve("packaging/demo-image/build-demo-image.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new AssertionError("packaging/demo-image/build-demo-image.sh not found above " + dir);
    }

    private static Path build(String version) {
        CommandResult result = Tools.execute("bash", script().toString(), "--version", version);
        if (!result.succeeded()) {
            throw new AssertionError("building the demo image " + version + " failed (exit " + result.exitCode()
                    + "):\n" + result.stderr());
        }
        List<String> lines = result.stdout().lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new AssertionError("the demo image build printed no tree path:\n" + result.stderr());
        }
        Path tree = Path.of(lines.get(lines.size() - 1));
        if (!Files.isRegularFile(tree.resolve("boot/vmlinuz")) || !Files.isRegularFile(tree.resolve("sbin/init"))) {
            throw new AssertionError("the demo image build gave " + tree + ", which has no boot/vmlinuz or sbin/init");
        }
        return tree;
    }
}
