package dev.cos.installer.app.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Background} on JavaFX: each job is a {@link Task} on a daemon thread pool. */
public final class FxBackground implements Background {

    private static final Logger LOG = LoggerFactory.getLogger(FxBackground.class);

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "background");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            LOG.warn("{} failed", name, task.getException());
            onFailure.accept(task.getException());
        });
        executor.execute(task);
    }

    @Override
    public void post(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }
}
