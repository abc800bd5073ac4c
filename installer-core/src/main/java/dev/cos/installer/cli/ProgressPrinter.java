package dev.cos.installer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    abstract void start(String verb, Map<String, Object> facts);

    abstract void success(Map<String, Object> summary, long millis);

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
        void start(String verb, Map<String, Object> facts) {
            facts.forEach((key, value) -> out.printf("%-11s %s%n", key + ":", value));
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
        void success(Map<String, Object> summary, long millis) {
            out.printf(Locale.ROOT, "Done in %.1f s.%n", millis / 1000.0);
            summary.forEach((key, value) -> out.printf("%-11s %s%n", key + ":", value));
            out.flush();
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

    static final class Json extends ProgressPrinter {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final PrintWriter out;

        Json(PrintWriter out) {
            this.out = out;
        }

        private ObjectNode event(String type) {
            ObjectNode node = JSON.createObjectNode();
            node.put("event", type);
            node.put("time", java.time.Instant.now().toString());
            return node;
        }

        private void emit(ObjectNode node) {
            out.println(node.toString());
            out.flush();
        }

        @Override
        void start(String verb, Map<String, Object> facts) {
            ObjectNode node = event("start");
            node.put("verb", verb);
            node.set("facts", JSON.valueToTree(facts));
            emit(node);
        }

        @Override
        public void stepStarted(String step, Phrase title, int index, int total) {
            ObjectNode node = event("step-started");
            node.put("step", step);
            node.put("title", title.english());
            putPhrase(node, "code", "args", title);
            node.put("index", index);
            node.put("total", total);
            emit(node);
        }

        /** The code and arguments of a text for the client to translate (docs/progress-protocol.md). */
        private static void putPhrase(ObjectNode node, String codeField, String argsField, Phrase phrase) {
            node.put(codeField, phrase.code());
            node.set(argsField, JSON.valueToTree(phrase.args()));
        }

        @Override
        public void progress(String stepId, double overall, double step, long bytesDone, long bytesTotal) {
            ObjectNode node = event("progress");
            node.put("step", stepId);
            node.put("fraction", round(overall));
            node.put("stepFraction", round(step));
            if (bytesDone >= 0) {
                node.put("bytesDone", bytesDone);
                node.put("bytesTotal", bytesTotal);
            }
            emit(node);
        }

        private static double round(double value) {
            return Math.round(value * 10000) / 10000.0;
        }

        @Override
        public void stepFinished(String step, long millis) {
            ObjectNode node = event("step-finished");
            node.put("step", step);
            node.put("millis", millis);
            emit(node);
        }

        @Override
        public void log(String level, String message) {
            ObjectNode node = event("log");
            node.put("level", level);
            node.put("message", message);
            emit(node);
        }

        @Override
        void success(Map<String, Object> summary, long millis) {
            ObjectNode node = event("result");
            node.put("status", "success");
            node.put("exitCode", 0);
            node.put("millis", millis);
            node.set("summary", JSON.valueToTree(summary));
            emit(node);
        }

        @Override
        void failure(InstallerException error) {
            ObjectNode node = event("error");
            node.put("code", error.code().name());
            node.put("exitCode", error.code().exitCode());
            if (error instanceof StepFailedException step) {
                node.put("step", step.stepId());
                node.put("stepTitle", step.stepTitle());
                putPhrase(node, "stepCode", "stepArgs", step.stepPhrase());
            }
            node.put("message", error.getMessage());
            error.details().ifPresent(details -> node.put("details", details));
            node.put("log", LogFile.current().toString());
            emit(node);
        }
    }
}
