package dev.cos.installer.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret of one engine session: given to the client that started it in the ready line, required on
 * every request, so a process that reaches the session's stdin some other way (another process of the same
 * user, through /proc/PID/fd of the GUI) cannot use the root engine. Never logged.
 */
record SessionToken(String value) {

    /** 128 random bits. */
    static final int BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    static SessionToken fresh() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new SessionToken(HexFormat.of().formatHex(bytes));
    }

    /** Whether {@code candidate} is this token, in time independent of where they differ. */
    boolean matches(String candidate) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SessionToken[hidden]";
    }
}
