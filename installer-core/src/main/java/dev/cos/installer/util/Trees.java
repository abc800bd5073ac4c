package dev.cos.installer.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Whole directory trees. */
public final class Trees {

    private Trees() {
    }

    /**
     * Deletes {@code root} and everything below it, if it exists. Symbolic links are removed, never
     * followed, so nothing outside the tree is touched.
     */
    public static void delete(Path root) {
        try {
            deleteOrFail(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #delete}, for callers that handle the {@link IOException} themselves. */
    public static void deleteOrFail(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
