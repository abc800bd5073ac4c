package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.testsupport.FakeWiring;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cos-installer check}: every required tool with its package and presence, and the firmware. */
class CheckCommandTest {

    @TempDir
    Path temp;

    private String run(Set<String> missing, Firmware firmware, String... args) {
        FakeWiring wiring = new FakeWiring(new RecordingCommandRunner(), temp);
        wiring.tools = new RequiredTools(tool -> !missing.contains(tool));
        wiring.firmware = firmware;
        CommandLine cli = Main.commandLine(Privileges.Check.ANY, wiring::build);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        List<String> argv = new ArrayList<>(List.of("check"));
        argv.addAll(List.of(args));
        assertEquals(0, cli.execute(argv.toArray(String[]::new)), "check reports missing tools in its output, not in its exit code");
        return out.toString();
    }

    @Test
    void jsonListsMissingToolsWithTheirPackagesAndTheFirmware() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run(Set.of("sgdisk", "mksquashfs"), Firmware.BIOS, "--json"));

        assertEquals("bios", json.get("firmware").asText());
        assertEquals(false, json.get("ready").asBoolean());
        List<String> missing = new ArrayList<>();
        json.get("tools").forEach(t -> {
            if (!t.get("present").asBoolean()) {
                missing.add(t.get("tool").asText() + "@" + t.get("package").asText());
            }
        });
        assertEquals(List.of("sgdisk@gdisk", "mksquashfs@squashfs-tools"), missing);
        assertEquals("[\"gdisk\",\"squashfs-tools\"]", json.get("missingPackages").toString());
        assertTrue(json.get("tools").size() > 20, "every tool an install runs is listed");
    }

    @Test
    void readyWhenEveryToolIsPresent() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run(Set.of(), Firmware.EFI, "--json"));

        assertEquals(true, json.get("ready").asBoolean());
        assertEquals("efi", json.get("firmware").asText());
        assertEquals(0, json.get("missingPackages").size());
    }

    @Test
    void textNamesTheAptCommand() {
        String text = run(Set.of("mcopy"), Firmware.EFI);

        assertTrue(text.contains("missing: mcopy (package mtools)"), text);
        assertTrue(text.contains("apt-get install mtools"), text);
    }

    @Test
    void jsonNamesTheSourcesTheConfigGivesForTheWizardsSuggestions() throws Exception {
        Path config = java.nio.file.Files.writeString(temp.resolve("config.yaml"),
                "install:\n  system:\n    uri: oci:registry.example.org/cos/os:1.1\nupgrade:\n  system:\n"
                        + "    uri: oci:registry.example.org/cos/os:1.1\n");
        JsonNode json = new ObjectMapper().readTree(run(Set.of(), Firmware.EFI, "--json", "--config", config.toString()));

        assertEquals("[\"oci:registry.example.org/cos/os:1.1\"]", json.get("configuredSources").toString(), "once, not twice");
        JsonNode none = new ObjectMapper().readTree(run(Set.of(), Firmware.EFI, "--json", "--config",
                java.nio.file.Files.writeString(temp.resolve("empty.yaml"), "install:\n  firmware: efi\n").toString()));
        assertTrue(none.path("configuredSources").isMissingNode(), "not written when the config names no source");
    }
}
