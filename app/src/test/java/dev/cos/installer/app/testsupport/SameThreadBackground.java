package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.fx.Background;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs background work at once on the calling thread: ViewModel tests need no FX thread. */
public final class SameThreadBackground implements Background {

    @Override
    public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void post(Runnable update) {
        update.run();
    }
}
