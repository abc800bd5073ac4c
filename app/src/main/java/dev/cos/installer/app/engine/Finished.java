package dev.cos.installer.app.engine;

/**
 * One engine call's answer: its exit code and everything it wrote to stdout and stderr.
 *
 * @param exitCode the exit code the same arguments give as a process of their own
 */
public record Finished(int exitCode, String stdout, String stderr) {

    /** The engine's exit code when polkit did not allow a verb that changes the system (docs/exit-codes.md). */
    static final int NOT_AUTHORIZED_BY_POLKIT = 69;

    /**
     * This answer as the failure it is when there is no protocol error event to read: pkexec refused
     * (only when the engine is started through pkexec), or the engine failed early.
     */
    public EngineException failure(boolean viaPkexec) {
        if (viaPkexec && exitCode == EngineLauncher.PKEXEC_NOT_AUTHORIZED) {
            return new EngineException("NOT_AUTHORIZED", exitCode,
                    "Not authorized: you may not run the installer engine as administrator. Ask an administrator to "
                            + "allow the action dev.cos.installer.engine (polkit), or start the installer as root.",
                    stderr);
        }
        if (viaPkexec && exitCode == EngineLauncher.PKEXEC_DISMISSED) {
            return new EngineException("NOT_AUTHORIZED", exitCode,
                    "The administrator password was not given, so nothing was done. Try again and authenticate.",
                    stderr);
        }
        String errors = stderr.strip();
        if (viaPkexec && exitCode == NOT_AUTHORIZED_BY_POLKIT) {
            // The engine's own words (the verb, the action, or that the dialog was dismissed), not its log pointer.
            String said = errors.lines().filter(l -> l.startsWith("error: ")).findFirst().map(l -> l.substring(7)).orElse("");
            return new EngineException("NOT_AUTHORIZED", exitCode, said.isEmpty()
                    ? "Not authorized to change the system: ask an administrator, or start the installer as root."
                    : Character.toUpperCase(said.charAt(0)) + said.substring(1), errors);
        }
        String message = errors.isEmpty() ? "The installer engine failed with exit code " + exitCode + "."
                : errors.lines().reduce((a, b) -> b).orElse(errors).replaceFirst("^cos-installer: (error: )?", "");
        return new EngineException(exitCode == 2 ? "USAGE" : "ENGINE", exitCode, message, errors);
    }
}
