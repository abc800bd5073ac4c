package dev.cos.installer.process;

/**
 * Receives a running tool's output a line at a time (split at '\n' and at the '\r' of progress
 * bars), on the thread that drains the stream: keep it quick.
 */
@FunctionalInterface
public interface OutputListener {

    OutputListener NONE = line -> { };

    void line(String line);
}
