package dev.cos.installer.app.wizard.window;

import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.PageView;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.WizardViewModel;
import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.Background;
import dev.cos.installer.app.wizard.disk.DiskView;
import dev.cos.installer.app.wizard.disk.DiskViewModel;
import dev.cos.installer.app.wizard.done.DoneView;
import dev.cos.installer.app.wizard.done.DoneViewModel;
import dev.cos.installer.app.wizard.image.ImageView;
import dev.cos.installer.app.wizard.image.ImageViewModel;
import dev.cos.installer.app.wizard.partitions.PartitionsView;
import dev.cos.installer.app.wizard.partitions.PartitionsViewModel;
import dev.cos.installer.app.wizard.progress.ProgressView;
import dev.cos.installer.app.wizard.progress.ProgressViewModel;
import dev.cos.installer.app.wizard.summary.SummaryView;
import dev.cos.installer.app.wizard.summary.SummaryViewModel;
import dev.cos.installer.app.wizard.welcome.WelcomeView;
import dev.cos.installer.app.wizard.welcome.WelcomeViewModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Wires the wizard: one ViewModel and one View per page, and the frame over them. A page's View is
 * made the first time it is shown: the window comes up with the welcome page only (on one slow or
 * emulated CPU every page built up front delayed it by seconds).
 */
public final class Wizard {

    private final WizardViewModel frame;
    private final Map<Page, Supplier<PageView>> factories;
    private final Map<Page, PageView> views = new EnumMap<>(Page.class);

    private Wizard(WizardViewModel frame, Map<Page, Supplier<PageView>> factories) {
        this.frame = frame;
        this.factories = factories;
    }

    public static Wizard create(WizardModel model, Engine engine, Background background, DialogService dialogs) {
        AtomicReference<WizardViewModel> frameRef = new AtomicReference<>();
        WizardContext context = new WizardContext(model, engine, background, page -> frameRef.get().show(page), dialogs);
        WelcomeViewModel welcome = new WelcomeViewModel(context);
        DiskViewModel disk = new DiskViewModel(context);
        PartitionsViewModel partitions = new PartitionsViewModel(context);
        ImageViewModel image = new ImageViewModel(context);
        SummaryViewModel summary = new SummaryViewModel(context);
        ProgressViewModel progress = new ProgressViewModel(context);
        DoneViewModel done = new DoneViewModel(context);
        Map<Page, PageViewModel> viewModels = new EnumMap<>(Page.class);
        viewModels.put(Page.WELCOME, welcome);
        viewModels.put(Page.DISK, disk);
        viewModels.put(Page.PARTITIONS, partitions);
        viewModels.put(Page.IMAGE, image);
        viewModels.put(Page.SUMMARY, summary);
        viewModels.put(Page.PROGRESS, progress);
        viewModels.put(Page.DONE, done);
        WizardViewModel frame = new WizardViewModel(model, viewModels);
        frameRef.set(frame);
        Map<Page, Supplier<PageView>> factories = new EnumMap<>(Page.class);
        factories.put(Page.WELCOME, () -> new WelcomeView(welcome));
        factories.put(Page.DISK, () -> new DiskView(disk));
        factories.put(Page.PARTITIONS, () -> new PartitionsView(partitions));
        factories.put(Page.IMAGE, () -> new ImageView(image));
        factories.put(Page.SUMMARY, () -> new SummaryView(summary));
        factories.put(Page.PROGRESS, () -> new ProgressView(progress));
        factories.put(Page.DONE, () -> new DoneView(done));
        return new Wizard(frame, factories);
    }

    public WizardViewModel frame() {
        return frame;
    }

    /** The page's View, made on the first call (FX thread). */
    public PageView view(Page page) {
        return views.computeIfAbsent(page, p -> factories.get(p).get());
    }
}
