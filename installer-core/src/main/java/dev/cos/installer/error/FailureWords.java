package dev.cos.installer.error;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * What went wrong, in words, for a message a person reads. Java's exceptions often say it only by
 * their class (an EOFException has no message; a NoSuchFileException's message is just the path);
 * their class names belong in the log's details, never in the message.
 */
public final class FailureWords {

    private FailureWords() {
    }

    /** A short phrase such as "the directory is not empty" or "the data ends too early (truncated)". */
    public static String describe(Throwable e) {
        String kind = byKind(e);
        if (e instanceof FileSystemException fs) {
            // Its message is "FILE[ -> OTHER]: REASON"; the caller names the file already.
            return kind != null ? kind : fs.getReason() != null ? fs.getReason() : "the operating system refused";
        }
        if (kind != null) {
            return kind;
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getCause() != null && e.getCause() != e ? describe(e.getCause()) : "an unexpected internal error";
        }
        return message;
    }

    /** What each kind of failure means, in words; the first kind the exception is an instance of wins. */
    private static final Map<Class<? extends Throwable>, String> KINDS = kinds();

    private static Map<Class<? extends Throwable>, String> kinds() {
        Map<Class<? extends Throwable>, String> kinds = new LinkedHashMap<>();
        kinds.put(NoSuchFileException.class, "it does not exist");
        kinds.put(DirectoryNotEmptyException.class, "the directory is not empty");
        kinds.put(FileAlreadyExistsException.class, "it already exists");
        kinds.put(AccessDeniedException.class, "permission denied");
        kinds.put(NotDirectoryException.class, "it is not a directory");
        kinds.put(NotLinkException.class, "it is not a symbolic link");
        kinds.put(FileSystemLoopException.class, "its symbolic links form a loop");
        kinds.put(EOFException.class, "the data ends too early (the file is truncated)");
        return kinds;
    }

    private static String byKind(Throwable e) {
        for (Map.Entry<Class<? extends Throwable>, String> kind : KINDS.entrySet()) {
            if (kind.getKey().isInstance(e)) {
                return kind.getValue();
            }
        }
        if (e instanceof ZipException && e.getMessage() == null) {
            return "the compressed data is damaged";
        }
        return null;
    }
}
