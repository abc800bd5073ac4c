package dev.cos.installer.app.wizard.done;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.app.wizard.InstallOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The "Save log..." bundle: a zip with what someone needs to diagnose a failed install: the outcome,
 * the progress transcript, the plan (JSON and the exact commands) and the engine's log file when this
 * user may read it (it is written by root; its path is always in outcome.txt).
 */
public final class LogBundle {

    private LogBundle() {}

    public static void write(Path zip, InstallOutcome outcome, Optional<InstallPlan> plan) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            entry(out, "outcome.txt", describe(outcome));
            entry(out, "progress.txt", String.join("\n", outcome.transcript()) + "\n");
            if (plan.isPresent()) {
                entry(out, "plan.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(plan.get()));
                StringBuilder commands = new StringBuilder();
                plan.get().operations().forEach(op -> commands.append(op.text()).append('\n'));
                entry(out, "commands.txt", commands.toString());
            }
            Optional<Path> log = outcome.log().map(Path::of).filter(Files::isReadable);
            if (log.isPresent()) {
                out.putNextEntry(new ZipEntry("engine/" + log.get().getFileName()));
                Files.copy(log.get(), out);
                out.closeEntry();
            }
        }
    }

    static String describe(InstallOutcome outcome) {
        StringBuilder text = new StringBuilder();
        if (outcome instanceof InstallOutcome.Failure failure) {
            text.append("result: failed\ncode: ").append(failure.code()).append('\n');
            failure.stepTitle().ifPresent(step -> text.append("step: ").append(step).append('\n'));
            text.append("message: ").append(failure.message()).append("\ndetails:\n").append(failure.details()).append('\n');
        } else if (outcome instanceof InstallOutcome.Success success) {
            text.append("result: success\nmillis: ").append(success.millis()).append('\n');
            success.summary().forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        }
        text.append("engine log: ").append(outcome.log().orElse("(none)")).append('\n');
        return text.toString();
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
