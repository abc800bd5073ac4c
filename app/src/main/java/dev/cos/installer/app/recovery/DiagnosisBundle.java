package dev.cos.installer.app.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cos.installer.api.DiagnoseAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * "Save logs and diagnosis": a zip for whoever helps: diagnosis.json (the last diagnosis), the
 * screen's transcript (every action and its outcome), the GUI log, and each engine log of this
 * session this user may read (they are root's; their paths are always in the transcript).
 */
public final class DiagnosisBundle {

    private DiagnosisBundle() {}

    public static void write(Path zip, Optional<DiagnoseAnswer> diagnosis, List<String> transcript, Optional<Path> guiLog,
            List<Path> engineLogs) throws IOException {
        Path partial = zip.resolveSibling(zip.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
            if (diagnosis.isPresent()) {
                entry(out, "diagnosis.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(diagnosis.get()));
            }
            entry(out, "recovery-transcript.txt", String.join("\n", transcript) + "\n");
            if (guiLog.isPresent() && Files.isReadable(guiLog.get())) {
                copy(out, "gui.log", guiLog.get());
            }
            for (Path log : engineLogs.stream().distinct().filter(Files::isReadable).toList()) {
                copy(out, "engine/" + log.getFileName(), log);
            }
        }
        // A removable disk may be pulled at any time: only a complete bundle gets the chosen name.
        Files.move(partial, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copy(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
