package dev.cos.installer.job;

/** Lets a running step report how far it is; the runner turns it into overall progress. */
public interface StepProgress extends ByteProgress {

    /** Fraction 0..1 of the current step. */
    void fraction(double done);

    /** A line for the person watching. */
    void log(String message);
}
