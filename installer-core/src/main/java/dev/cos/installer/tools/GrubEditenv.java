package dev.cos.installer.tools;

import dev.cos.installer.process.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** argv builders for grub-editenv, which writes GRUB environment blocks (1024 bytes, '#'-padded). */
public final class GrubEditenv {

    private GrubEditenv() {
    }

    public static Command create(String file) {
        return Command.of("grub-editenv", file, "create");
    }

    public static Command set(String file, Map<String, String> variables) {
        List<String> argv = new ArrayList<>(List.of("grub-editenv", file, "set"));
        variables.forEach((key, value) -> argv.add(key + "=" + value));
        return Command.of(argv);
    }
}
