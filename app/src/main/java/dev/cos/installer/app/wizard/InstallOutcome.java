package dev.cos.installer.app.wizard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the install ended: what the done page shows. */
public sealed interface InstallOutcome {

    /** The engine's log file, when it said where. */
    Optional<String> log();

    /** Every line the progress page showed, for the log bundle. */
    List<String> transcript();

    /** @param summary the engine's result summary (partition name -> size and label, system, log) */
    record Success(long millis, Map<String, String> summary, Optional<String> log, List<String> transcript)
            implements InstallOutcome {
        public Success {
            summary = Map.copyOf(summary);
            transcript = List.copyOf(transcript);
        }
    }

    /**
     * @param stepTitle the step that failed, for people; empty when the engine refused before writing
     *     (then nothing on the disk changed)
     */
    record Failure(String code, Optional<String> step, Optional<String> stepTitle, String message, String details,
            Optional<String> log, List<String> transcript) implements InstallOutcome {
        public Failure {
            transcript = List.copyOf(transcript);
        }

        /** True when the engine failed before writing anything. */
        public boolean nothingChanged() {
            return step.isEmpty();
        }
    }
}
