package dev.cos.installer.source.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Paths inside a root tree, resolved the way the image will see them once it is the root: a symlink
 * met on the way is followed as if the tree were {@code /} (an absolute target starts again at the
 * tree, {@code ..} stops at it), so nothing reached this way is outside the tree (as umoci and
 * container runtimes resolve, with filepath-securejoin). The last component is never followed:
 * callers replace a symlink there, they do not write through it.
 */
final class TreePaths {

    /** As the kernel's ELOOP limit. */
    static final int MAX_SYMLINKS = 40;

    private TreePaths() {
    }

    /** The components of a tar name without '.', '' parts; '..' is kept (callers refuse it). */
    static List<String> components(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    /**
     * The real directory {@code dir} (components below the root) names inside {@code root}, following
     * symlinks within the tree; empty when some part is missing or not a directory.
     */
    static Optional<Path> directory(Path root, List<String> dir) throws IOException {
        return walk(root, dir, false);
    }

    /**
     * Like {@link #directory}, but makes missing directories (mode 0755 from the umask the engine
     * sets, owner this process's: as tar makes a parent that the archive does not list).
     *
     * @throws NotADirectory when a part exists and is not a directory (nor a symlink to one)
     */
    static Path makeDirectory(Path root, List<String> dir) throws IOException {
        return walk(root, dir, true).orElseThrow();
    }

    private static Optional<Path> walk(Path root, List<String> dir, boolean make) throws IOException {
        Deque<String> todo = new ArrayDeque<>(dir);
        Deque<Path> done = new ArrayDeque<>();
        Path current = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.equals("..")) {
                current = done.isEmpty() ? root : done.pollLast();
                continue;
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_SYMLINKS) {
                    throw new NotADirectory(next, "more than " + MAX_SYMLINKS + " symlinks on the way");
                }
                String target = Files.readSymbolicLink(next).toString();
                List<String> targetParts = components(target);
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    todo.addFirst(targetParts.get(i));
                }
                if (target.startsWith("/")) {
                    current = root;
                    done.clear();
                }
                continue;
            }
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                if (!make) {
                    return Optional.empty();
                }
                Files.createDirectory(next);
            } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                if (!make) {
                    return Optional.empty();
                }
                throw new NotADirectory(next, "it is not a directory");
            }
            done.addLast(current);
            current = next;
        }
        return Optional.of(current);
    }

    /** A path a layer needs as a directory is something else. */
    static final class NotADirectory extends IOException {
        final Path path;

        NotADirectory(Path path, String why) {
            super(path + ": " + why);
            this.path = path;
        }
    }
}
