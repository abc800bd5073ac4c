package dev.cos.installer.app.wizard.summary;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/** PLACEHOLDER: replaced by the real page. */
public final class SummaryViewModel implements PageViewModel {

    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(true);

    public SummaryViewModel(WizardContext context) {}

    @Override
    public ObservableBooleanValue complete() {
        return complete.getReadOnlyProperty();
    }

    @Override
    public ObservableStringValue nextLabel() {
        return new ReadOnlyStringWrapper(Messages.get("button.next")).getReadOnlyProperty();
    }
}
