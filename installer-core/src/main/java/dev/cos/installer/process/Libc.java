package dev.cos.installer.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The C library calls the engine makes on its own process (through JNA; installer-core calls native code
 * nowhere else). Linux only. Loading JNA unpacks its native part from the jar into {@code jna.tmpdir}
 * (default {@code java.io.tmpdir}), which must allow executing.
 */
public final class Libc {

    /** {@code prctl(2)} option: the signal this process gets when the thread that started it ends. */
    static final int PR_SET_PDEATHSIG = 1;
    /** {@code signal(7)}: the JVM ends on it (shutdown hooks run), as on {@code kill PID}. */
    public static final int SIGTERM = 15;

    /** The functions used, as libc declares them. */
    private interface C extends Library {
        int umask(int mask);

        int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

        int getppid();
    }

    private static final class Loaded {
        static final C C = load("c", C.class);
    }

    private Libc() {
    }

    /** Loads a native library's functions, with JNA's own native part unpacked privately (see below). */
    static synchronized <T extends Library> T load(String library, Class<T> functions) {
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", privateDirectory().toString());
        }
        return Native.load(library, functions);
    }

    /**
     * JNA unpacks its native library to a file and loads it. By default into /tmp/jna-HASH(user name), a
     * name another user can create first and then swap the file in before a root engine loads it: here a
     * new directory only this user may enter (mode 0700, random name; /tmp's sticky bit keeps others from
     * renaming it). JNA deletes the library once loaded; the directory goes when the JVM ends.
     */
    private static Path privateDirectory() {
        try {
            Path dir = Files.createTempDirectory("cos-installer-jna-",
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory for JNA's native library", e);
        }
    }

    /**
     * Sets this process's file mode creation mask ({@code umask(2)}; e.g. {@code 0022}: new files are not
     * writable by group and others, whatever umask the caller had) and returns the previous one.
     */
    public static int umask(int mask) {
        return Loaded.C.umask(mask);
    }

    /**
     * {@code prctl(PR_SET_PDEATHSIG, signal)}: this process gets {@code signal} when its parent ends. The
     * parent is the THREAD that started this process: a client must start it from a thread that lives as
     * long as it wants the child. Cleared when a set-user-ID program (pkexec) is executed, so a program
     * pkexec starts must set it itself.
     *
     * @throws IllegalStateException the kernel refused (errno named)
     */
    public static void setParentDeathSignal(int signal) {
        try {
            Loaded.C.prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
        } catch (LastErrorException e) {
            throw new IllegalStateException("prctl(PR_SET_PDEATHSIG) failed: errno " + e.getErrorCode(), e);
        }
    }

    /** {@code getppid(2)}: this process's parent now (1, or a subreaper, once the parent has ended). */
    public static long parentPid() {
        return Loaded.C.getppid();
    }
}
