package dev.cos.installer.app.dialogs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX's choosers and alerts, owned by the face's window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Optional<Window>> owner;

    /** @param owner the window the dialogs belong to (empty before it is shown) */
    public FxDialogService(Supplier<Optional<Window>> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Optional<Path> initialDirectory, List<FileType> types) {
        FileChooser chooser = fileChooser(title, types);
        initialDirectory.filter(Files::isDirectory).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showOpenDialog(owner.get().orElse(null))).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Optional<Path> initialDirectory, String initialName,
            List<FileType> types) {
        FileChooser chooser = fileChooser(title, types);
        initialDirectory.filter(Files::isDirectory).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get().orElse(null))).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Optional<Path> initialDirectory) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        initialDirectory.filter(Files::isDirectory).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showDialog(owner.get().orElse(null))).map(File::toPath);
    }

    @Override
    public void showError(String header, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, header, message);
        alert.showAndWait();
    }

    @Override
    public void inform(String header, String message, String button) {
        Alert alert = alert(Alert.AlertType.INFORMATION, header, message);
        alert.getButtonTypes().setAll(new ButtonType(button, ButtonBar.ButtonData.CANCEL_CLOSE));
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String header, String message, String yes, String no) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, header, message);
        ButtonType yesButton = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        ButtonType noButton = new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(noButton, yesButton);
        return alert.showAndWait().filter(yesButton::equals).isPresent();
    }

    private Alert alert(Alert.AlertType type, String header, String message) {
        Alert alert = new Alert(type, message);
        owner.get().ifPresent(alert::initOwner);
        alert.setHeaderText(header);
        return alert;
    }

    private static FileChooser fileChooser(String title, List<FileType> types) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        types.forEach(t -> chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(t.description(), t.patterns())));
        return chooser;
    }
}
