package dev.cos.installer.app.tray;

import dev.cos.installer.app.Messages;
import java.io.File;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the person for an upgrade source. The window uses {@link #dialogs()}; tests answer directly. */
public interface SourceChooser {

    Optional<String> file(Window owner);

    Optional<String> directory(Window owner);

    /** JavaFX's file and directory dialogs. */
    static SourceChooser dialogs() {
        return new SourceChooser() {
            @Override
            public Optional<String> file(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(Messages.get("tray.upgrade.choose-file"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::getAbsolutePath);
            }

            @Override
            public Optional<String> directory(Window owner) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(Messages.get("tray.upgrade.choose-dir"));
                return Optional.ofNullable(chooser.showDialog(owner)).map(File::getAbsolutePath);
            }
        };
    }
}
