package dev.cos.installer.app.engine;

import java.util.Objects;

/**
 * The engine could not answer: it refused (bad input, not authorized), failed, or could not be started.
 * {@code getMessage()} is for people; {@code details()} for the log and the "Details" pane.
 */
public final class EngineException extends Exception {

    private final String code;
    private final int exitCode;
    private final String details;

    public EngineException(String code, int exitCode, String message, String details) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.exitCode = exitCode;
        this.details = Objects.requireNonNull(details, "details");
    }

    /** The error catalogue name (docs/exit-codes.md), or NOT_AUTHORIZED / ENGINE_MISSING from the GUI's side. */
    public String code() {
        return code;
    }

    public int exitCode() {
        return exitCode;
    }

    public String details() {
        return details;
    }
}
