package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoImageBuilderTest {

    @TempDir
    Path temp;

    private Path script() throws IOException {
        Path script = temp.resolve("repo/packaging/demo-image/build-demo-image.sh");
        Files.createDirectories(script.getParent());
        return Files.writeString(script, "#!/bin/sh\n");
    }

    @Test
    void thePropertyWinsOverTheEnvironmentWhichWinsOverTheSearch() throws IOException {
        Path found = script();
        Map<String, String> props = Map.of(DemoImageBuilder.SCRIPT_PROPERTY, "/p/build.sh");
        Map<String, String> env = Map.of(DemoImageBuilder.SCRIPT_ENV, "/e/build.sh");
        List<Path> from = List.of(temp.resolve("repo/installer-core/target"));
        assertEquals(Optional.of(Path.of("/p/build.sh")), DemoImageBuilder.locate(props::get, env::get, from));
        assertEquals(Optional.of(Path.of("/e/build.sh")), DemoImageBuilder.locate(k -> null, env::get, from));
        assertEquals(Optional.of(found), DemoImageBuilder.locate(k -> null, k -> null, from), "found above the jar");
        assertEquals(Optional.empty(), DemoImageBuilder.locate(k -> null, k -> null, List.of(temp.resolve("elsewhere"))));
    }

    @Test
    void theTreeIsTheLastLineTheScriptPrints() throws IOException {
        Path script = script();
        RecordingCommandRunner runner = new RecordingCommandRunner().answer(List.of("bash"), "note\n/cache/trees/1.0-ab\n\n");
        assertEquals("/cache/trees/1.0-ab", new DemoImageBuilder(runner, Optional.of(script)).build());
        assertEquals(List.of("bash " + script), runner.lines());
    }

    @Test
    void aFailedBuildIsASourceErrorThatSaysWhatToDo() throws IOException {
        Path script = script();
        RecordingCommandRunner runner = new RecordingCommandRunner().fail(List.of("bash"), 1, "apt-get: offline\n");
        InstallerException e = assertThrows(InstallerException.class,
                () -> new DemoImageBuilder(runner, Optional.of(script)).build());
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("apt-get: offline") && e.getMessage().contains("--source"), e.getMessage());
    }

    @Test
    void noScriptMeansTheSourceMustBeGiven() {
        InstallerException e = assertThrows(InstallerException.class,
                () -> new DemoImageBuilder(new RecordingCommandRunner(), Optional.empty()).build());
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("--source"), e.getMessage());
    }
}
