package dev.cos.installer.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link Mounter} over mount(8) and umount(8). */
public final class CommandMounter implements Mounter {

    private final CommandRunner runner;

    public CommandMounter(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public void mount(String source, Path mountPoint, String fsType, List<String> options) {
        runner.run(Command.of(mountArgv(source, mountPoint, fsType, options)));
    }

    @Override
    public void unmount(Path mountPoint) {
        runner.run("umount", mountPoint.toString());
    }

    static List<String> mountArgv(String source, Path mountPoint, String fsType, List<String> options) {
        List<String> argv = new ArrayList<>(List.of("mount"));
        if (!fsType.isEmpty()) {
            argv.addAll(List.of("-t", fsType));
        }
        if (!options.isEmpty()) {
            argv.addAll(List.of("-o", String.join(",", options)));
        }
        argv.add(source);
        argv.add(mountPoint.toString());
        return argv;
    }
}
