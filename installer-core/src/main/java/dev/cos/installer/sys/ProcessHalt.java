package dev.cos.installer.sys;

/** Ends this process at once: no cleanup, no shutdown hooks, as a SIGKILL or a power cut would (tests' stop points). */
public final class ProcessHalt {

    private ProcessHalt() {
    }

    public static void now(int exitCode) {
        Runtime.getRuntime().halt(exitCode);
    }
}
