package dev.cos.installer.boot;

import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.tools.GrubEditenv;
import dev.cos.installer.tools.GrubEnvBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GRUB environment files of the cOS layout (spec section 5), for install and reset alike:
 * COS_STATE:/grub_oem_env with the labels and {@code cos_max_tries}, and COS_OEM:/grubenv, the
 * runtime block GRUB saves its attempts to.
 */
public final class BootEnvironment {

    /** The file on COS_STATE that holds the labels GRUB reads. */
    public static final String OEM_ENV = "grub_oem_env";
    /** The runtime block on COS_OEM. */
    public static final String RUNTIME_ENV = "grubenv";

    /** The filesystem labels GRUB needs to find the partitions and images. */
    public record Labels(String state, String recovery, String oem, String persistent) {

        /** The labels an installed system's state.yaml records (the layout's defaults where it has none). */
        public static Labels of(InstallState installed) {
            return new Labels(installed.stateLabel(), installed.recoveryLabel(), other(installed, PartitionRole.OEM),
                    other(installed, PartitionRole.PERSISTENT));
        }

        private static String other(InstallState installed, PartitionRole role) {
            return installed.otherPartitionLabels().getOrDefault(role.gptName(), role.defaultLabel().orElseThrow());
        }
    }

    private final CommandRunner runner;

    public BootEnvironment(CommandRunner runner) {
        this.runner = runner;
    }

    /** The variables of grub_oem_env, in the order they are written. Pure. */
    public static Map<String, String> labelVariables(Labels labels, int bootTries) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("state_label", labels.state());
        vars.put("active_label", "COS_ACTIVE");
        vars.put("passive_label", "COS_PASSIVE");
        vars.put("recovery_label", labels.recovery());
        vars.put("system_label", "COS_SYSTEM");
        vars.put("oem_label", labels.oem());
        vars.put("persistent_label", labels.persistent());
        vars.put("default_menu_entry", "cOS");
        // GRUB cannot count: tries are a string of x's, compared as strings (docs/boot.md).
        vars.put("cos_max_tries", "x".repeat(bootTries));
        return vars;
    }

    /** (Re)writes COS_STATE:/grub_oem_env from scratch. */
    public void writeLabels(Path stateMount, Labels labels, int bootTries) {
        String oemEnv = stateMount.resolve(OEM_ENV).toString();
        runner.run(GrubEditenv.create(oemEnv));
        runner.run(GrubEditenv.set(oemEnv, labelVariables(labels, bootTries)));
    }

    /**
     * Creates an empty COS_OEM:/grubenv. GRUB's save_env only rewrites an existing, fully allocated
     * block, so the file must exist before the first boot.
     */
    public void createRuntimeEnv(Path oemMount) {
        runner.run(GrubEditenv.create(oemMount.resolve(RUNTIME_ENV).toString()));
    }

    /**
     * The tries per slot an existing grub_oem_env sets ({@code cos_max_tries}, counted in x's), or
     * {@code fallback} when the file, the variable or its value is missing or unreadable.
     */
    public static int bootTries(Path oemEnvFile, int fallback) {
        try {
            if (!Files.isRegularFile(oemEnvFile)) {
                return fallback;
            }
            String tries = GrubEnvBlock.parse(Files.readAllBytes(oemEnvFile)).getOrDefault("cos_max_tries", "");
            return tries.matches("x{1,9}") ? tries.length() : fallback;
        } catch (IOException | IllegalArgumentException e) {
            return fallback;
        }
    }
}
