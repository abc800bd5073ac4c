package dev.cos.installer.cli;

import dev.cos.installer.api.Event;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.words.Phrase;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Renders job events for a person (text) or for a program (one JSON object per line, the
 * contract in docs/progress-protocol.md that the GUI consumes).
 */
abstract class ProgressPrinter implements ProgressListener {

    enum Format { TEXT, JSON }

    static ProgressPrinter create(Format format, PrintWriter out) {
        return format == Format.JSON ? new Json(out) : new Text(out);
    }

    /** The {@code start} event: {@code facts} is the verb's api.JobFacts record. */
    abstract void start(String verb, Object facts);

    /** The {@code result} event: {@code summary} is the verb's api.JobSummary record (inspect: api.SourceInfo). */
    abstract void success(Object summary, long millis);

    abstract void failure(InstallerException error);

    /**
     * Byte progress of work before {@code start} (download, verify): {@code progress} events of
     * {@code step} with {@code fraction} 0, since nothing is written yet.
     */
    ByteProgress bytesOf(String step) {
        return (done, total) -> progress(step, 0, total > 0 ? (double) done / total : 0, done, total);
    }

    static final class Text extends ProgressPrinter {
        private final PrintWriter out;

        Text(PrintWriter out) {
            this.out = out;
        }

        @Override
        void start(String verb, Object facts) {
            dev.cos.installer.api.Json.toMap(facts).forEach((key, value) -> out.printf("%-11s %s%n", key + ":", value));
            out.flush();
        }

        @Override
        public void stepStarted(String step, String title, int index, int total) {
            out.printf("[%d/%d] %s%n", index, total, title);
            out.flush();
        }

        @Override
        public void log(String level, String message) {
            out.println("        " + message);
            out.flush();
        }

        @Override
        void success(Object summary, long millis) {
            out.printf(Locale.ROOT, "Done in %.1f s.%n", millis / 1000.0);
            dev.cos.installer.api.Json.toMap(summary).forEach((key, value) -> {
                if (value instanceof Map<?, ?> nested) {
                    // A part of the summary (inspect's container image): its fields indented below its name.
                    out.printf("%s:%n", key);
                    nested.forEach((field, text) -> out.printf("  %-16s %s%n", field + ":", listed(text)));
                } else {
                    out.printf("%-11s %s%n", key + ":", value);
                }
            });
            out.flush();
        }

        /** A map (labels) as name=value, comma-separated. */
        private static Object listed(Object value) {
            if (value instanceof Map<?, ?> map) {
                return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
            }
            return value;
        }

        @Override
        void failure(InstallerException error) {
            // The message goes to stderr through Main's handler; say which step failed here.
            if (error instanceof StepFailedException step) {
                out.println("Failed at step: " + step.stepTitle());
                out.flush();
            }
        }
    }

    /** The protocol's events (api.Event), one JSON object per line, or straight to an engine session. */
    static final class Json extends ProgressPrinter {
        private final PrintWriter out;

        Json(PrintWriter out) {
            this.out = out;
        }

        private void emit(Event event) {
            if (out instanceof EventSink session) {
                session.event(event);
            } else {
                out.println(dev.cos.installer.api.Json.line(event));
                out.flush();
            }
        }

        @Override
        void start(String verb, Object facts) {
            emit(new Event.Start(Event.now(), verb, dev.cos.installer.api.Json.toMap(facts)));
        }

        @Override
        public void stepStarted(String step, Phrase title, int index, int total) {
            // The title travels as English and as code + args, for a client to translate.
            emit(new Event.StepStarted(Event.now(), step, title.english(), title.code(), title.args(), index, total));
        }

        @Override
        public void progress(String stepId, double overall, double step, long bytesDone, long bytesTotal) {
            emit(new Event.Progress(Event.now(), stepId, round(overall), round(step),
                    bytesDone >= 0 ? bytesDone : Event.Progress.NO_BYTES, bytesDone >= 0 ? bytesTotal : Event.Progress.NO_BYTES));
        }

        private static double round(double value) {
            return Math.round(value * 10000) / 10000.0;
        }

        @Override
        public void stepFinished(String step, long millis) {
            emit(new Event.StepFinished(Event.now(), step, millis));
        }

        @Override
        public void log(String level, String message) {
            emit(new Event.Log(Event.now(), level, message));
        }

        @Override
        void success(Object summary, long millis) {
            emit(Event.Result.success(millis, summary));
        }

        @Override
        void failure(InstallerException error) {
            StepFailedException step = error instanceof StepFailedException failed ? failed : null;
            emit(new Event.Error(Event.now(), error.code().name(), error.code().exitCode(),
                    step == null ? "" : step.stepId(), step == null ? "" : step.stepTitle(),
                    step == null ? "" : step.stepPhrase().code(), step == null ? Map.of() : step.stepPhrase().args(),
                    error.getMessage(), error.details().orElse(""), LogFile.current().toString()));
        }
    }

    /** A writer that takes protocol events as objects: an engine session's stdout (docs/engine-session.md). */
    interface EventSink {
        void event(Event event);
    }
}
