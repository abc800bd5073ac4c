package dev.cos.installer.app.jobs;

import java.util.Map;
import java.util.Optional;

/** How an engine job (install, upgrade, repair, reset, rollback) ended, as every face shows it. */
public sealed interface JobOutcome {

    /** The engine's log file for this job, when it said where. */
    Optional<String> log();

    /** @param summary the engine's result summary, as strings */
    record Succeeded(long millis, Map<String, String> summary, Optional<String> log) implements JobOutcome {
        public Succeeded {
            summary = Map.copyOf(summary);
        }
    }

    /**
     * @param code the engine's error code (docs/exit-codes.md), e.g. FORMAT or NOT_AUTHORIZED
     * @param step the step that failed; empty when the engine refused before changing anything
     * @param message for a person: what is wrong and what to do
     * @param details for the log and the "Technical details" part (commands, exit codes, output)
     */
    record Failed(String code, Optional<String> step, Optional<String> stepTitle, String message, String details,
            Optional<String> log) implements JobOutcome {

        /** True when the engine failed before changing anything. */
        public boolean nothingChanged() {
            return step.isEmpty();
        }
    }
}
