package dev.cos.installer.app.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where ViewModels send work that may block (engine calls, file reads) and how results come back to
 * the UI thread. The app uses {@link FxBackground}; unit tests use a same-thread implementation.
 */
public interface Background {

    /**
     * Runs {@code work} off the UI thread, then {@code onSuccess} or {@code onFailure} on the UI thread.
     */
    <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code update} on the UI thread (from a background thread: progress, log lines). */
    void post(Runnable update);
}
