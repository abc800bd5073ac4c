package dev.cos.installer.app.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import org.junit.jupiter.api.Test;

class WizardViewModelTest {

    private static final class StubPage implements PageViewModel {
        final BooleanProperty complete = new SimpleBooleanProperty(true);
        final boolean destructive;
        int entered;

        StubPage(boolean destructive) {
            this.destructive = destructive;
        }

        @Override
        public ObservableBooleanValue complete() {
            return complete;
        }

        @Override
        public ObservableStringValue nextLabel() {
            return new ReadOnlyStringWrapper(destructive ? "Erase /dev/sdb and _install" : "_Next");
        }

        @Override
        public boolean nextIsDestructive() {
            return destructive;
        }

        @Override
        public void onEnter() {
            entered++;
        }
    }

    private final Map<Page, StubPage> pages = new EnumMap<>(Page.class);
    private final WizardViewModel frame;

    WizardViewModelTest() {
        for (Page page : Page.values()) {
            pages.put(page, new StubPage(page == Page.SUMMARY));
        }
        frame = new WizardViewModel(new WizardModel(Path.of("/tmp/x.img")), new EnumMap<>(pages));
    }

    @Test
    void nextFollowsTheCurrentPagesCompleteness() {
        frame.show(Page.DISK);
        assertTrue(frame.canGoNext().get());
        pages.get(Page.DISK).complete.set(false);
        assertFalse(frame.canGoNext().get());
        frame.next();
        assertEquals(Page.DISK, frame.current().get(), "an incomplete page keeps the person on it");
        pages.get(Page.DISK).complete.set(true);
        frame.next();
        assertEquals(Page.PARTITIONS, frame.current().get());
        assertEquals(1, pages.get(Page.PARTITIONS).entered);
    }

    @Test
    void theSummarysNextIsTheDestructiveInstallButton() {
        frame.show(Page.SUMMARY);
        assertTrue(frame.nextIsDestructive().get());
        assertEquals("Erase /dev/sdb and _install", frame.nextLabel().get());
        frame.show(Page.IMAGE);
        assertFalse(frame.nextIsDestructive().get());
    }

    @Test
    void thereIsNoBackFromTheFirstPageNorOnceTheInstallStarted() {
        assertFalse(frame.canGoBack().get());
        frame.show(Page.IMAGE);
        assertTrue(frame.canGoBack().get());
        frame.back();
        assertEquals(Page.PARTITIONS, frame.current().get());
        frame.show(Page.PROGRESS);
        assertFalse(frame.canGoBack().get());
        assertFalse(frame.canGoNext().get(), "the install page moves on by itself");
        frame.show(Page.DONE);
        assertFalse(frame.canGoBack().get());
        assertFalse(frame.canGoNext().get());
    }
}
