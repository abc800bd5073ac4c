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

    private static String byKind(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "it is not a directory";
        }
        if (e instanceof NotLinkException) {
            return "it is not a symbolic link";
        }
        if (e instanceof FileSystemLoopException) {
            return "its symbolic links form a loop";
        }
        if (e instanceof EOFException) {
            return "the data ends too early (the file is truncated)";
        }
        if (e instanceof ZipException && e.getMessage() == null) {
            return "the compressed data is damaged";
        }
        return null;
    }
}
