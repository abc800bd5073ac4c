package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The engine's {@code check --json} answer: the system tools an install runs, found or missing, and
 * the firmware the machine booted with.
 *
 * @param firmware efi or bios
 * @param ready true when every tool is present
 * @param missingPackages the Debian packages to install for the missing tools, sorted
 * @param configuredSources the sources the config names ({@code install.system.uri}, then
 *     {@code upgrade.system.uri}), as written, without repeats; the wizard offers them as suggestions.
 *     Not written when the config names none.
 */
public record SystemCheck(String firmware, boolean ready, List<Tool> tools, List<String> missingPackages,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> configuredSources) {

    public SystemCheck {
        firmware = firmware == null ? "" : firmware;
        tools = tools == null ? List.of() : List.copyOf(tools);
        missingPackages = missingPackages == null ? List.of() : List.copyOf(missingPackages);
        configuredSources = configuredSources == null ? List.of() : List.copyOf(configuredSources);
    }

    /** A check whose config names no source. */
    public SystemCheck(String firmware, boolean ready, List<Tool> tools, List<String> missingPackages) {
        this(firmware, ready, tools, missingPackages, List.of());
    }

    /** The tools that were not found, in the engine's order. */
    public List<String> missingTools() {
        return tools.stream().filter(t -> !t.present()).map(Tool::tool).toList();
    }

    public record Tool(String tool, @JsonProperty("package") String debianPackage, boolean present) {}
}
