package dev.cos.installer.process;

/** What a finished command left behind: its exit code and everything it printed. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
