package dev.cos.installer.testsupport;

import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A root tree with everything a root filesystem needs, made with real tools (root only): numeric
 * owners, setuid/setgid/sticky modes, absolute and relative symlinks, a hard link, a device node, a
 * FIFO, set mtimes, user xattrs and a file capability.
 */
public final class RootTreeFixture {

    private static final CommandRunner RUNNER = new ProcessCommandRunner();

    private RootTreeFixture() {
    }

    /** Builds the tree at {@code tree} (which must not exist) and returns it. */
    public static Path build(Path tree, String osRelease) throws IOException {
        Files.createDirectory(tree);
        for (String dir : List.of("etc", "usr/bin", "usr/lib", "home/user", "dev", "tmp", "var/empty")) {
            Files.createDirectories(tree.resolve(dir));
        }
        Files.writeString(tree.resolve("etc/os-release"), osRelease);
        Files.writeString(tree.resolve("etc/with space"), "spaces in names\n");
        Files.write(tree.resolve("usr/bin/prog"), randomBytes(300_000));
        Files.write(tree.resolve("usr/bin/empty"), new byte[0]);
        Files.writeString(tree.resolve("usr/bin/su"), "setuid\n");
        Files.writeString(tree.resolve("usr/bin/wall"), "setgid\n");
        Files.writeString(tree.resolve("usr/bin/ping"), "capability\n");
        Files.writeString(tree.resolve("home/user/notes"), "owned by 1234:2345\n");
        String t = tree.toString();
        run("chown", "-R", "1234:2345", t + "/home/user");
        run("chmod", "0750", t + "/home/user");
        run("chmod", "0640", t + "/home/user/notes");
        run("chmod", "4755", t + "/usr/bin/su");
        run("chgrp", "5", t + "/usr/bin/wall");
        run("chmod", "2755", t + "/usr/bin/wall");
        run("chmod", "1777", t + "/tmp");
        run("ln", t + "/usr/bin/prog", t + "/usr/bin/prog-hardlink");
        run("ln", "-s", "usr/bin", t + "/bin");
        run("ln", "-s", "../../etc/os-release", t + "/usr/lib/os-release");
        run("ln", "-s", "/usr/bin/prog", t + "/usr/bin/sh");
        run("mknod", t + "/dev/null", "c", "1", "3");
        run("mkfifo", t + "/dev/initctl");
        run("touch", "-h", "-d", "2021-03-04 05:06:07", t + "/etc/os-release");
        run("touch", "-d", "2019-01-02 03:04:05", t + "/usr/bin/prog");
        run("setfattr", "-n", "user.test", "-v", "hello", t + "/usr/bin/prog");
        run("setfattr", "-n", "user.dir", "-v", "on a directory", t + "/etc");
        run("setcap", "cap_net_raw+ep", t + "/usr/bin/ping");
        // getfattr fails when the attribute is missing: the comparison below has xattrs to compare.
        run("getfattr", "--name=security.capability", t + "/usr/bin/ping");
        return tree;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.util.Random(count).nextBytes(bytes);
        return bytes;
    }

    private static void run(String... argv) {
        RUNNER.run(argv);
    }
}
