package dev.cos.installer.job;

/** Receives progress of a long operation in bytes. Called from the working thread. */
@FunctionalInterface
public interface ByteProgress {

    ByteProgress NONE = (done, total) -> { };

    /** @param total the expected total in bytes, or 0 when unknown */
    void update(long done, long total);
}
