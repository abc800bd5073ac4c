package dev.cos.installer.app.engine;

import java.util.Map;
import java.util.Optional;

/**
 * One line of the engine's {@code --progress=json} stream (docs/progress-protocol.md), as the GUI
 * sees it. Unknown event types are {@link Other}: the protocol only ever adds fields and events.
 */
public sealed interface EngineEvent {

    /** Checks passed; the engine starts writing. {@code facts} are the protocol's facts object, as strings. */
    record Started(String verb, Map<String, String> facts) implements EngineEvent {
        public Optional<String> log() {
            return Optional.ofNullable(facts.get("log"));
        }
    }

    /**
     * A step begins: {@code index} is 1-based out of {@code total}. {@code title} is the engine's
     * English; {@code code} and {@code args} the same text for the GUI to translate (app EngineWords),
     * "" and empty from an engine that sends none.
     */
    record StepStarted(String step, String title, String code, Map<String, String> args, int index, int total)
            implements EngineEvent {
        public StepStarted {
            args = Map.copyOf(args);
        }

        /** A step with only its English title. */
        public StepStarted(String step, String title, int index, int total) {
            this(step, title, "", Map.of(), index, total);
        }
    }

    /**
     * A step moved. {@code fraction} is of the whole job (0..1, weighted by step), {@code stepFraction}
     * of the step; bytes are present for steps that copy or read data (0 when absent).
     */
    record Progress(String step, double fraction, double stepFraction, long bytesDone, long bytesTotal)
            implements EngineEvent {}

    /** A line worth showing to a person. */
    record Log(String level, String message) implements EngineEvent {}

    record StepFinished(String step, long millis) implements EngineEvent {}

    /** The job succeeded: always the last event. {@code summary} is the protocol's summary object, as strings. */
    record Succeeded(long millis, Map<String, String> summary) implements EngineEvent {}

    /**
     * The job failed: always the last event. {@code step}/{@code stepTitle} are empty when it failed
     * before writing (bad input: nothing changed on disk); {@code stepCode}/{@code stepArgs} are the
     * step title's code and arguments ("" and empty when none).
     */
    record Failed(String code, int exitCode, Optional<String> step, Optional<String> stepTitle, String message,
            String details, Optional<String> log, String stepCode, Map<String, String> stepArgs) implements EngineEvent {
        public Failed {
            stepArgs = Map.copyOf(stepArgs);
        }

        /** A failure without the step title's code. */
        public Failed(String code, int exitCode, Optional<String> step, Optional<String> stepTitle, String message,
                String details, Optional<String> log) {
            this(code, exitCode, step, stepTitle, message, details, log, "", Map.of());
        }
    }

    /** An event type this version of the GUI does not know. */
    record Other(String type) implements EngineEvent {}
}
