package dev.cos.installer.cli;

import dev.cos.installer.api.Json;
import dev.cos.installer.config.InstallerConfigs;
import dev.cos.installer.api.SystemCheck;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.service.CheckService;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cos-installer check}: whether this machine can run an install: the system tools an install
 * needs (found or missing, with their packages) and the firmware it booted with. Reads only; exits 0
 * either way (the answer is in the output), so a GUI can show every missing tool at once.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Show which system tools an install needs and whether they are present, and the firmware. Changes nothing.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    EngineWiring wiring;

    @Mixin
    AnswerOutput output;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        CheckService.Readiness readiness = new CheckService(wiring.get()).check();
        output.print(() -> json(readiness.tools(), readiness.firmware(), configuredSources(config.load(wiring.get()))),
                out -> out.print(text(readiness.tools(), readiness.firmware())));
        return 0;
    }

    static String text(List<RequiredTools.ToolStatus> status, Firmware firmware) {
        StringBuilder text = new StringBuilder("Firmware: ").append(firmware.cliName()).append('\n');
        List<RequiredTools.ToolStatus> missing = status.stream().filter(t -> !t.present()).toList();
        if (missing.isEmpty()) {
            text.append("All ").append(status.size()).append(" system tools an install needs are present.\n");
        } else {
            missing.forEach(t -> text.append("missing: ").append(t.tool()).append(" (package ").append(t.debianPackage()).append(")\n"));
            text.append("Install them with: apt-get install ").append(String.join(" ", packages(missing))).append('\n');
        }
        return text.toString();
    }

    /**
     * {@code {"firmware": "efi", "ready": true, "tools": [{"tool", "package", "present"}], "missingPackages": [],
     * "configuredSources": [...]}} (the last only when the config names a source).
     */
    static String json(List<RequiredTools.ToolStatus> status, Firmware firmware, List<String> configuredSources) {
        return Json.pretty(new SystemCheck(firmware.cliName(), status.stream().allMatch(RequiredTools.ToolStatus::present),
                status.stream().map(t -> new SystemCheck.Tool(t.tool(), t.debianPackage(), t.present())).toList(),
                packages(status.stream().filter(t -> !t.present()).toList()), configuredSources)) + "\n";
    }

    /** install.system.uri, then upgrade.system.uri: what the wizard suggests as sources. */
    static List<String> configuredSources(InstallerConfigs configs) {
        return Stream.of(configs.install().systemUri(), configs.upgrade().systemUri()).flatMap(Optional::stream)
                .distinct().toList();
    }

    private static List<String> packages(List<RequiredTools.ToolStatus> tools) {
        return List.copyOf(new TreeSet<>(tools.stream().map(RequiredTools.ToolStatus::debianPackage).toList()));
    }
}
