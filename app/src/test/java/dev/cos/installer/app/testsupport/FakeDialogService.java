package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.dialogs.DialogService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dialogs without a stage: each kind of chooser answers its standing path (or cancels when it has
 * none), every question the standing answer (no by default); what was asked is recorded.
 */
public final class FakeDialogService implements DialogService {

    private Optional<Path> openFile = Optional.empty();
    private Optional<Path> saveFile = Optional.empty();
    private Optional<Path> directory = Optional.empty();
    private boolean yes;
    /** The title or header of every dialog shown, in order. */
    public final List<String> asked = new ArrayList<>();
    /** The messages of the errors and notes shown. */
    public final List<String> shown = new ArrayList<>();

    /** The open-file chooser picks {@code path}. */
    public FakeDialogService openingFile(Path path) {
        openFile = Optional.of(path);
        return this;
    }

    /** The save chooser picks {@code path}. */
    public FakeDialogService savingTo(Path path) {
        saveFile = Optional.of(path);
        return this;
    }

    /** The directory chooser picks {@code path}. */
    public FakeDialogService choosingDirectory(Path path) {
        directory = Optional.of(path);
        return this;
    }

    /** Questions are answered yes. */
    public FakeDialogService sayingYes() {
        yes = true;
        return this;
    }

    private Optional<Path> answer(String title, Optional<Path> path) {
        asked.add(title);
        return path;
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Optional<Path> initialDirectory, List<FileType> types) {
        return answer(title, openFile);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Optional<Path> initialDirectory, String initialName,
            List<FileType> types) {
        return answer(title, saveFile);
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Optional<Path> initialDirectory) {
        return answer(title, directory);
    }

    @Override
    public void showError(String header, String message) {
        asked.add(header);
        shown.add(message);
    }

    @Override
    public void inform(String header, String message, String button) {
        asked.add(header);
        shown.add(message);
    }

    @Override
    public boolean confirm(String header, String message, String yesText, String noText) {
        asked.add(header);
        shown.add(message);
        return yes;
    }
}
