package dev.cos.installer.job;

import dev.cos.installer.error.InstallerException;
import dev.cos.installer.words.Phrase;

/** A step failed: which step, and the failure with its code, message and details. */
public final class StepFailedException extends InstallerException {

    private final String stepId;
    private final Phrase stepTitle;

    public StepFailedException(String stepId, Phrase stepTitle, InstallerException cause) {
        super(cause.code(), cause.getMessage(), cause.details().orElse(null), cause);
        this.stepId = stepId;
        this.stepTitle = stepTitle;
    }

    public String stepId() {
        return stepId;
    }

    /** The failed step's title in English. */
    public String stepTitle() {
        return stepTitle.english();
    }

    /** The failed step's title as code + arguments, for a client to translate. */
    public Phrase stepPhrase() {
        return stepTitle;
    }
}
