package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A wizard context over a fake engine and a same-thread background; records navigation. */
public final class Contexts {

    private Contexts() {}

    public static WizardContext of(FakeEngine engine, Path defaultImageFile) {
        List<Page> shown = new ArrayList<>();
        return new WizardContext(new WizardModel(defaultImageFile), engine, new SameThreadBackground(), shown::add, new FakeDialogService());
    }
}
