package dev.cos.installer.app.dialogs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything that asks the person in a dialog of its own: file and directory choosers, alerts. View
 * models ask through this interface, so their tests answer with a fake and need no stage (JabRef's
 * pattern). Call on the UI thread; the choosers and questions block until the person answers.
 */
public interface DialogService {

    /** A file type the chooser offers, e.g. ("Zip", ["*.zip"]). */
    record FileType(String description, List<String> patterns) {
        public FileType {
            patterns = List.copyOf(patterns);
        }
    }

    /** An existing file to read; empty when the person cancels. */
    Optional<Path> chooseFileToOpen(String title, Optional<Path> initialDirectory, List<FileType> types);

    /** Where to write a new file, starting at {@code initialDirectory} and {@code initialName}; empty when the person cancels. */
    Optional<Path> chooseFileToSave(String title, Optional<Path> initialDirectory, String initialName, List<FileType> types);

    /** An existing directory; empty when the person cancels. */
    Optional<Path> chooseDirectory(String title, Optional<Path> initialDirectory);

    /** An error the person must read before going on: what is wrong and what to do. */
    void showError(String header, String message);

    /** A note with one button (e.g. "the install cannot be stopped"). */
    void inform(String header, String message, String button);

    /** A yes/no question. @return true when the person chose {@code yes} */
    boolean confirm(String header, String message, String yes, String no);
}
