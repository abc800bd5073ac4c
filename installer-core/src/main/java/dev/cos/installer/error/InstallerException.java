package dev.cos.installer.error;

import java.util.Optional;

/**
 * The one exception family of installer-core: a code (which the CLI turns into an exit code),
 * a message for a person that names the problem and what to do, and details for the log.
 */
public class InstallerException extends RuntimeException {

    private final ErrorCode code;
    private final String details;

    public InstallerException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public InstallerException(ErrorCode code, String message, String details) {
        this(code, message, details, null);
    }

    public InstallerException(ErrorCode code, String message, String details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> details() {
        return Optional.ofNullable(details);
    }
}
