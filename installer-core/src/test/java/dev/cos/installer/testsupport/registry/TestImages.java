package dev.cos.installer.testsupport.registry;

import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small OCI image layouts made with umoci (an independent tool), to push into a {@link TestRegistry}. */
public final class TestImages {

    private TestImages() {
    }

    /**
     * An OCI layout at {@code layoutDir} holding one image tagged {@code tag}: one layer per entry of
     * {@code files} (image path -> content), in order.
     */
    public static Path layout(Path layoutDir, String tag, Map<String, String> files) {
        try {
            Tools.run("umoci", "init", "--layout", layoutDir.toString());
            Tools.run("umoci", "new", "--image", layoutDir + ":" + tag);
            Path staging = Files.createTempDirectory(layoutDir.getParent(), "layer-");
            int n = 0;
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path source = staging.resolve("file-" + n++);
                Files.writeString(source, file.getValue());
                Tools.run("umoci", "insert", "--image", layoutDir + ":" + tag, source.toString(), file.getKey());
            }
            return layoutDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A layout with one layer holding one file, {@code path}, with {@code content} (e.g. megabytes of random bytes). */
    public static Path withFile(Path layoutDir, String tag, String path, byte[] content) {
        try {
            Tools.run("umoci", "init", "--layout", layoutDir.toString());
            Tools.run("umoci", "new", "--image", layoutDir + ":" + tag);
            Path source = Files.createTempFile(layoutDir.getParent(), "file-", "");
            Files.write(source, content);
            Tools.run("umoci", "insert", "--image", layoutDir + ":" + tag, source.toString(), path);
            return layoutDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A layout with one layer of one file, {@code /etc/cos-test} holding {@code content}. */
    public static Path oneLayer(Path layoutDir, String tag, String content) {
        return layout(layoutDir, tag, Map.of("/etc/cos-test", content));
    }
}
