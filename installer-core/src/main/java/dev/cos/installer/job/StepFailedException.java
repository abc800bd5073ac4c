package dev.cos.installer.job;

import dev.cos.installer.error.InstallerException;

/** A step failed: which step, and the failure with its code, message and details. */
public final class StepFailedException extends InstallerException {

    private final String stepId;
    private final String stepTitle;

    public StepFailedException(String stepId, String stepTitle, InstallerException cause) {
        super(cause.code(), cause.getMessage(), cause.details().orElse(null), cause);
        this.stepId = stepId;
        this.stepTitle = stepTitle;
    }

    public String stepId() {
        return stepId;
    }

    public String stepTitle() {
        return stepTitle;
    }
}
