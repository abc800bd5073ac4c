package dev.cos.installer.app.wizard;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard frame: which page shows, and when Back and Next work. Pages before the summary only
 * collect answers; Next on the summary starts the install (the progress page); from then on there is
 * no Back. UI thread only.
 */
public final class WizardViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(WizardViewModel.class);

    private final WizardModel model;
    private final Map<Page, PageViewModel> pages;
    private final ObjectProperty<Page> current = new SimpleObjectProperty<>(Page.WELCOME);
    private final BooleanProperty canGoNext = new SimpleBooleanProperty();
    private final BooleanProperty canGoBack = new SimpleBooleanProperty();
    private final BooleanProperty nextIsDestructive = new SimpleBooleanProperty();
    private final StringProperty nextLabel = new SimpleStringProperty("");
    private final java.util.List<java.util.function.Consumer<Page>> pageEntered = new java.util.ArrayList<>();

    public WizardViewModel(WizardModel model, Map<Page, PageViewModel> pages) {
        this.model = Objects.requireNonNull(model, "model");
        this.pages = new EnumMap<>(pages);
        for (Page page : Page.values()) {
            if (!this.pages.containsKey(page)) {
                throw new IllegalArgumentException("no ViewModel for page " + page);
            }
        }
        current.addListener((obs, old, now) -> bindToCurrentPage());
        bindToCurrentPage();
        // Where a person got stuck, for the log (and the live ISO's console, which a test reads).
        canGoNext.addListener((obs, old, now) -> LOG.info("wizard: page {}, Next {}", current.get(), now ? "enabled" : "disabled"));
        model.target().addListener((obs, old, now) -> LOG.info("wizard: target {}", now == null ? "none" : now.path()));
        model.plan().addListener((obs, old, now) -> {
            if (now != null) {
                LOG.info("wizard: plan ready (firmware {})", model.firmware().get().cliName());
            }
        });
        model.outcome().addListener((obs, old, now) -> {
            if (now instanceof InstallOutcome.Success) {
                LOG.info("wizard: install succeeded");
            } else if (now instanceof InstallOutcome.Failure failure) {
                LOG.info("wizard: install failed ({}): {}", failure.code(), failure.message());
            }
        });
    }

    private void bindToCurrentPage() {
        Page page = current.get();
        PageViewModel vm = pages.get(page);
        boolean collecting = page.compareTo(Page.SUMMARY) <= 0;
        canGoNext.bind(Bindings.createBooleanBinding(() -> collecting && vm.complete().get(), vm.complete()));
        canGoBack.set(collecting && page != Page.WELCOME);
        nextLabel.bind(vm.nextLabel());
        nextIsDestructive.set(vm.nextIsDestructive());
    }

    public WizardModel model() {
        return model;
    }

    public PageViewModel page(Page page) {
        return pages.get(page);
    }

    public ReadOnlyObjectProperty<Page> current() {
        return current;
    }

    public ReadOnlyBooleanProperty canGoNext() {
        return canGoNext;
    }

    public ReadOnlyBooleanProperty canGoBack() {
        return canGoBack;
    }

    public ReadOnlyStringProperty nextLabel() {
        return nextLabel;
    }

    /** True on the summary page: Next erases the disk, and the frame shows it as dangerous. */
    public ReadOnlyBooleanProperty nextIsDestructive() {
        return nextIsDestructive;
    }

    public void next() {
        if (canGoNext.get()) {
            show(Page.values()[current.get().ordinal() + 1]);
        }
    }

    public void back() {
        if (canGoBack.get()) {
            show(Page.values()[current.get().ordinal() - 1]);
        }
    }

    /** Called after each {@link #show}, once the page's ViewModel has refreshed (the view then sets the focus). */
    public void onPageEntered(java.util.function.Consumer<Page> listener) {
        pageEntered.add(listener);
    }

    /** Shows {@code page} and lets its ViewModel refresh (Retry after a failure shows the summary again). */
    public void show(Page page) {
        current.set(page);
        pages.get(page).onEnter();
        pageEntered.forEach(listener -> listener.accept(page));
        LOG.info("wizard: page {}, Next {}", page, canGoNext.get() ? "enabled" : "disabled");
    }
}
