package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.fx.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds background work until the test runs it, in the order the test chooses: proves what a
 * ViewModel does with answers that arrive late or out of order. Posts run at once.
 */
public final class DeferredBackground implements Background {

    private final SameThreadBackground now = new SameThreadBackground();
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pending.add(() -> now.run(name, work, onSuccess, onFailure));
    }

    @Override
    public void post(Runnable update) {
        update.run();
    }

    /** How many jobs wait. */
    public int pending() {
        return pending.size();
    }

    /** Runs the job at {@code index} (0 = the oldest still waiting) and forgets it. */
    public void complete(int index) {
        pending.remove(index).run();
    }
}
