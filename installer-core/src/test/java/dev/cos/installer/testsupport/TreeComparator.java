package dev.cos.installer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two root trees entry by entry, without following symlinks: type, mode (with setuid,
 * setgid, sticky), uid, gid, size and content of regular files, symlink targets, mtimes of regular
 * files (whole seconds), device numbers, hard-link grouping and extended attributes (all
 * namespaces, read with getfattr). Both roots' own attributes are compared too.
 *
 * <p>For integration tests: reads the trees as they are on disk (an extracted tree, or an image
 * mounted read-only). Needs getfattr (Debian package attr).
 */
public final class TreeComparator {

    private final Set<String> ignored = new TreeSet<>();

    /** Leaves these relative paths (and everything below them) out, e.g. {@code lost+found}. */
    public TreeComparator ignoring(String... relativePaths) {
        ignored.addAll(Arrays.asList(relativePaths));
        return this;
    }

    /** Throws an AssertionError listing every difference, if any. */
    public void assertSameTree(Path expected, Path actual) {
        List<String> differences = differences(expected, actual);
        if (!differences.isEmpty()) {
            throw new AssertionError(differences.size() + " difference(s) between " + expected + " and " + actual + ":\n  "
                    + String.join("\n  ", differences));
        }
    }

    /** Every difference, one line each; empty when the trees are the same. */
    public List<String> differences(Path expected, Path actual) {
        Map<String, Node> left = read(expected);
        Map<String, Node> right = read(actual);
        List<String> out = new ArrayList<>();
        Set<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        for (String name : names) {
            Node a = left.get(name);
            Node b = right.get(name);
            String shown = name.isEmpty() ? "(root)" : name;
            if (a == null || b == null) {
                out.add(shown + ": only in " + (a == null ? actual : expected));
                continue;
            }
            compare(shown, a, b, out);
        }
        compareLinkGroups(left, right, out);
        return out;
    }

    private static void compare(String name, Node a, Node b, List<String> out) {
        check(out, name, "type", a.type(), b.type());
        check(out, name, "mode", Integer.toOctalString(a.mode()), Integer.toOctalString(b.mode()));
        check(out, name, "uid", a.uid(), b.uid());
        check(out, name, "gid", a.gid(), b.gid());
        check(out, name, "symlink target", a.linkTarget(), b.linkTarget());
        check(out, name, "device", a.rdev(), b.rdev());
        check(out, name, "xattrs", a.xattrs(), b.xattrs());
        if (a.type().equals("file") && b.type().equals("file")) {
            check(out, name, "size", a.size(), b.size());
            check(out, name, "mtime (s)", a.mtimeSeconds(), b.mtimeSeconds());
            if (!Arrays.equals(a.content(), b.content())) {
                out.add(name + ": content differs");
            }
        }
    }

    // Two names share an inode in one tree exactly when they do in the other.
    private static void compareLinkGroups(Map<String, Node> left, Map<String, Node> right, List<String> out) {
        Map<String, Set<String>> leftGroups = linkGroups(left);
        Map<String, Set<String>> rightGroups = linkGroups(right);
        for (String name : left.keySet()) {
            if (right.containsKey(name)) {
                check(out, name, "hard links", leftGroups.get(name), rightGroups.get(name));
            }
        }
    }

    private static Map<String, Set<String>> linkGroups(Map<String, Node> nodes) {
        Map<Object, Set<String>> byInode = new HashMap<>();
        nodes.forEach((name, node) -> {
            if (!node.type().equals("directory")) {
                byInode.computeIfAbsent(node.inode(), k -> new TreeSet<>()).add(name);
            }
        });
        Map<String, Set<String>> groups = new HashMap<>();
        byInode.values().forEach(group -> group.forEach(name -> groups.put(name, group)));
        return groups;
    }

    private static void check(List<String> out, String name, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(name + ": " + what + " " + expected + " != " + actual);
        }
    }

    private record Node(String type, int mode, int uid, int gid, long size, long mtimeSeconds, long rdev, Object inode,
            String linkTarget, byte[] content, Map<String, String> xattrs) {}

    private Map<String, Node> read(Path root) {
        Map<String, Map<String, String>> xattrs = Xattrs.readTree(root);
        Map<String, Node> nodes = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = root.relativize(dir).toString();
                    if (isIgnored(name)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    nodes.put(name, node(dir, xattrs.getOrDefault(name, Map.of())));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = root.relativize(file).toString();
                    if (!isIgnored(name)) {
                        nodes.put(name, node(file, xattrs.getOrDefault(name, Map.of())));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }

    private boolean isIgnored(String name) {
        return ignored.stream().anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "/"));
    }

    private static Node node(Path path, Map<String, String> xattrs) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        String type = switch (mode & 0170000) {
            case 0100000 -> "file";
            case 0040000 -> "directory";
            case 0120000 -> "symlink";
            case 0020000 -> "char device";
            case 0060000 -> "block device";
            case 0010000 -> "fifo";
            default -> "socket";
        };
        boolean device = type.endsWith("device");
        return new Node(type, mode & 07777, (Integer) unix.get("uid"), (Integer) unix.get("gid"), (Long) unix.get("size"),
                ((java.nio.file.attribute.FileTime) unix.get("lastModifiedTime")).toMillis() / 1000,
                device ? (Long) unix.get("rdev") : 0, unix.get("ino"),
                type.equals("symlink") ? Files.readSymbolicLink(path).toString() : "",
                type.equals("file") ? Files.readAllBytes(path) : new byte[0], xattrs);
    }

    /** Reads every extended attribute of a tree with one getfattr run. */
    static final class Xattrs {

        private Xattrs() {
        }

        static Map<String, Map<String, String>> readTree(Path root) {
            String output = run(List.of("getfattr", "--recursive", "--physical", "--no-dereference", "--dump",
                    "--match=-", "--encoding=hex", "--absolute-names", root.toString()));
            return parse(output, root);
        }

        /** Parses {@code getfattr --dump} output into relative path -> (name -> hex value). */
        static Map<String, Map<String, String>> parse(String output, Path root) {
            Map<String, Map<String, String>> all = new HashMap<>();
            Map<String, String> current = null;
            for (String line : output.split("\n")) {
                if (line.startsWith("# file: ")) {
                    String relative = root.relativize(Path.of(unescape(line.substring(8)))).toString();
                    current = new TreeMap<>();
                    all.put(relative, current);
                } else if (current != null && line.contains("=")) {
                    int eq = line.indexOf('=');
                    current.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return all;
        }

        // getfattr writes unusual bytes in names as \ooo octal escapes.
        private static String unescape(String text) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '\\' && i + 3 < raw.length && Character.isDigit(raw[i + 1])) {
                    bytes.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
                    i += 3;
                } else {
                    bytes.write(raw[i]);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private static String run(List<String> argv) {
            try {
                Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                // getfattr exits 1 when some entry (a device, a FIFO) has no xattr support; output stays valid.
                if (exit > 1) {
                    throw new IllegalStateException(argv + " exited " + exit);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
