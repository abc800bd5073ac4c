package dev.cos.installer.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether partition device nodes exist; behind an interface so dry runs and flow tests can decide. */
@FunctionalInterface
public interface DeviceNodes {

    /** Waits up to {@code timeout} for the node to appear; true when it exists. */
    boolean await(String devicePath, Duration timeout);

    /** devtmpfs creates nodes shortly after the kernel registers a partition: poll for them. */
    static DeviceNodes system() {
        return (devicePath, timeout) -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            Path path = Path.of(devicePath);
            while (true) {
                if (Files.exists(path)) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        };
    }
}
