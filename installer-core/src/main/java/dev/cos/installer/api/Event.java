package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of a verb's {@code --progress=json} stream (docs/progress-protocol.md): {@code event} names
 * the type, {@code time} (RFC 3339, UTC) is on every event. The CLI writes these, the GUI reads them;
 * an event type a reader does not know is {@link Other} (the protocol only ever adds).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event", defaultImpl = Event.Other.class)
@JsonSubTypes({
        @JsonSubTypes.Type(Event.Start.class), @JsonSubTypes.Type(Event.StepStarted.class),
        @JsonSubTypes.Type(Event.Progress.class), @JsonSubTypes.Type(Event.Log.class),
        @JsonSubTypes.Type(Event.StepFinished.class), @JsonSubTypes.Type(Event.Result.class),
        @JsonSubTypes.Type(Event.Error.class)})
public sealed interface Event {

    /** RFC 3339, UTC. */
    String time();

    /** Now, as events say it. */
    static String now() {
        return Instant.now().toString();
    }

    /**
     * Checks passed; writing starts. {@code facts}: the verb's {@code *Facts} record as a map
     * ({@link Json#toMap}); {@link #facts(Class)} reads it back.
     */
    @JsonTypeName("start")
    record Start(String time, String verb, Map<String, Object> facts) implements Event {
        public Start {
            facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }

        public <T> T facts(Class<T> type) {
            return Json.fromMap(facts, type);
        }

        /** The log file the engine writes, when the facts name it. */
        public Optional<String> log() {
            return Optional.ofNullable(facts.get("log")).map(String::valueOf);
        }
    }

    /**
     * A step begins: {@code index} is 1-based out of {@code total}; {@code title} present tense, in
     * English; {@code code} and {@code args} the same title for a client to translate (core words/Words;
     * "" and empty from an engine that sends none).
     */
    @JsonTypeName("step-started")
    record StepStarted(String time, String step, String title, String code, Map<String, String> args, int index,
            int total) implements Event {
        public StepStarted {
            code = code == null ? "" : code;
            args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(args));
        }

        /** A step with only its English title. */
        public StepStarted(String time, String step, String title, int index, int total) {
            this(time, step, title, "", Map.of(), index, total);
        }
    }

    /**
     * A step moved: {@code fraction} of the whole job (0..1, weighted by step), {@code stepFraction} of
     * the step; {@code bytesDone}/{@code bytesTotal} only for steps that copy or read data ({@link #NO_BYTES}
     * when absent; {@code bytesTotal} 0 when a download's length is unknown).
     */
    @JsonTypeName("progress")
    record Progress(String time, String step, double fraction, double stepFraction,
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Absent.class) long bytesDone,
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Absent.class) long bytesTotal)
            implements Event {

        /** bytesDone/bytesTotal of a step that counts no bytes: not written. */
        public static final long NO_BYTES = -1;

        @JsonCreator
        static Progress read(@JsonProperty("time") String time, @JsonProperty("step") String step,
                @JsonProperty("fraction") double fraction, @JsonProperty("stepFraction") double stepFraction,
                @JsonProperty("bytesDone") Long bytesDone, @JsonProperty("bytesTotal") Long bytesTotal) {
            return new Progress(time, step, fraction, stepFraction, bytesDone == null ? NO_BYTES : bytesDone,
                    bytesTotal == null ? NO_BYTES : bytesTotal);
        }

        public boolean hasBytes() {
            return bytesDone >= 0;
        }
    }

    /** A line worth showing: {@code level} info or warn. */
    @JsonTypeName("log")
    record Log(String time, String level, String message) implements Event {}

    @JsonTypeName("step-finished")
    record StepFinished(String time, String step, long millis) implements Event {}

    /**
     * The job succeeded (last line): {@code status} "success", {@code exitCode} 0. {@code summary}: the
     * verb's {@code *Summary} record as a map; {@link #summary(Class)} reads it back.
     */
    @JsonTypeName("result")
    record Result(String time, String status, int exitCode, long millis, Map<String, Object> summary) implements Event {
        public Result {
            summary = summary == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        }

        public static Result success(long millis, Object summary) {
            return new Result(now(), "success", 0, millis, Json.toMap(summary));
        }

        public <T> T summary(Class<T> type) {
            return Json.fromMap(summary, type);
        }

        /** The summary's values as text for people (nested values as their JSON). */
        public Map<String, String> summaryText() {
            Map<String, String> text = new LinkedHashMap<>();
            summary.forEach((key, value) -> text.put(key, value instanceof Map || value instanceof java.util.List
                    ? Json.line(value) : String.valueOf(value)));
            return text;
        }
    }

    /**
     * The job failed (last line). {@code step}, {@code stepTitle} and the title's {@code stepCode} and
     * {@code stepArgs} are "" and empty (not written) when it failed before a step (bad input: nothing
     * was written); {@code details} "" when there are none. {@code code} is the failure's kind
     * (docs/exit-codes.md).
     */
    @JsonTypeName("error")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Error(String time, String code, int exitCode, String step, String stepTitle, String stepCode,
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) Map<String, String> stepArgs, String message,
            String details, String log) implements Event {
        public Error {
            code = code == null ? "INTERNAL" : code;
            step = step == null ? "" : step;
            stepTitle = stepTitle == null ? "" : stepTitle;
            stepCode = stepCode == null ? "" : stepCode;
            stepArgs = stepArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(stepArgs));
            message = message == null ? "" : message;
            details = details == null ? "" : details;
            log = log == null ? "" : log;
        }

        /** A failure without the step title's code. */
        public Error(String time, String code, int exitCode, String step, String stepTitle, String message,
                String details, String log) {
            this(time, code, exitCode, step, stepTitle, "", Map.of(), message, details, log);
        }

        /** {@code stepArgs} is written with the step, also when empty: a failed step's title has its args. */
        @JsonProperty("stepArgs")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, String> stepArgsWithTheStep() {
            return step.isEmpty() ? null : stepArgs;
        }

        /** The step that failed; empty when the job failed before writing. */
        public Optional<String> failedStep() {
            return step.isEmpty() ? Optional.empty() : Optional.of(step);
        }

        public Optional<String> failedStepTitle() {
            return stepTitle.isEmpty() ? Optional.empty() : Optional.of(stepTitle);
        }

        /** The engine's log file, when it named one. */
        public Optional<String> logFile() {
            return log.isEmpty() ? Optional.empty() : Optional.of(log);
        }
    }

    /** An event type this reader does not know. */
    record Other(String time) implements Event {}

    /** Leaves out a byte count of {@link Progress#NO_BYTES}. */
    final class Absent {
        @Override
        public boolean equals(Object value) {
            return value instanceof Long bytes && bytes < 0;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
