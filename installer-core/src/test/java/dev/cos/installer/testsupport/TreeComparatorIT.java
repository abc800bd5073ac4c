package dev.cos.installer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.process.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparator sees each kind of difference it promises to (so a passing round trip means something). */
class TreeComparatorIT {

    @TempDir
    Path tmp;

    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    private Path tree(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/f"), "content");
        runner.run("ln", root.resolve("d/f").toString(), root.resolve("d/g").toString());
        runner.run("ln", "-s", "f", root.resolve("d/link").toString());
        runner.run("touch", "-d", "2020-01-01 00:00:00", root.resolve("d/f").toString());
        runner.run("setfattr", "-n", "user.k", "-v", "v", root.resolve("d/f").toString());
        return root;
    }

    @Test
    void identicalTreesHaveNoDifferences() throws IOException {
        assertEquals(List.of(), new TreeComparator().differences(tree("a"), tree("b")));
    }

    @Test
    void seesEachKindOfDifference() throws IOException {
        assertDiffers(b -> runner.run("chmod", "4644", b.resolve("d/f").toString()), "d/f: mode 644 != 4644");
        assertDiffers(b -> runner.run("chown", "7:8", b.resolve("d/f").toString()), "d/f: uid 0 != 7");
        assertDiffers(b -> runner.run("touch", "-d", "2020-01-01 00:00:01", b.resolve("d/f").toString()), "d/f: mtime (s)");
        assertDiffers(b -> runner.run("setfattr", "-n", "user.k", "-v", "w", b.resolve("d/f").toString()), "d/f: xattrs");
        assertDiffers(b -> runner.run("ln", "-sfn", "g", b.resolve("d/link").toString()), "d/link: symlink target f != g");
        assertDiffers(b -> {
            runner.run("rm", b.resolve("d/g").toString());
            runner.run("cp", "-a", b.resolve("d/f").toString(), b.resolve("d/g").toString());
        }, "d/f: hard links [d/f, d/g] != [d/f]");
        assertDiffers(b -> runner.run("truncate", "-s", "0", b.resolve("d/f").toString()), "d/f: size 7 != 0");
        assertDiffers(b -> runner.run("mkfifo", b.resolve("d/p").toString()), "d/p: only in");
    }

    @Test
    void ignoredPathsAreLeftOut() throws IOException {
        Path b = tree("b");
        Files.createDirectories(b.resolve("lost+found/x"));

        assertEquals(List.of(), new TreeComparator().ignoring("lost+found").differences(tree("a"), b));
    }

    private void assertDiffers(Consumer<Path> change, String expected) {
        try {
            Path a = tree("a" + expected.hashCode());
            Path b = tree("b" + expected.hashCode());
            change.accept(b);
            List<String> differences = new TreeComparator().differences(a, b);
            assertTrue(differences.stream().anyMatch(d -> d.startsWith(expected)), expected + " not in " + differences);
            AssertionError error = assertThrows(AssertionError.class, () -> new TreeComparator().assertSameTree(a, b));
            assertTrue(error.getMessage().contains(expected), error.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
