package dev.cos.installer.app.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/** What the wizard frame needs from each page's ViewModel. UI thread only. */
public interface PageViewModel {

    /** True when the page's answers are complete and valid: the frame enables Next. */
    ObservableBooleanValue complete();

    /** Called each time the page is shown (load data, refresh from earlier answers). */
    default void onEnter() {}

    /** The text of the frame's Next button on this page (the summary page names the data loss). */
    ObservableStringValue nextLabel();

    /** True on the page whose Next erases a disk: the frame styles the button as dangerous. */
    default boolean nextIsDestructive() {
        return false;
    }
}
