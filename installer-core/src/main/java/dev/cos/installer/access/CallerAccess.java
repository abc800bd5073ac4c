package dev.cos.installer.access;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user who asked for this run may open. The engine runs as root, but under pkexec a
 * request comes from an unprivileged user ({@code PKEXEC_UID}); the paths they name (a source, a
 * cloud-init or config file, an image-file target) are opened only if they could open them
 * themselves. Without {@code PKEXEC_UID} (or with 0) the caller is root and may open anything: no
 * check runs.
 *
 * <p>Why the kernel answers, not a walk over permission bits: the question "may alice read this" has
 * more parts than the mode bits (POSIX ACLs, supplementary groups from NSS/LDAP, read-only mounts,
 * LSMs), and access(2) answers it only for the real uid, which is root's here. So the check runs
 * {@code find} as the caller ({@code setpriv --reuid --regid --init-groups}: the caller's uid, primary
 * group and groups, no capabilities), and find's {@code -readable}/{@code -writable}/{@code
 * -executable} ask the kernel with the caller's credentials, for every directory on the way too. One
 * process answers for a whole source tree.
 *
 * <p>It is a check before use: a caller who can rename entries on the path could swap them after it.
 * Where that matters the users guard themselves: an image-file target is created with CREATE_NEW and
 * NOFOLLOW_LINKS and its loop device is checked to be backed by that very inode (LoopBacking).
 */
public final class CallerAccess {

    /** The variable pkexec sets to the uid of the user who ran it. */
    public static final String UID_VARIABLE = "PKEXEC_UID";

    private final Optional<Caller> caller;
    private final CommandRunner runner;

    private CallerAccess(Optional<Caller> caller, CommandRunner runner) {
        this.caller = caller;
        this.runner = runner;
    }

    /** A root caller: every path may be opened, nothing runs. */
    public static CallerAccess root() {
        return new CallerAccess(Optional.empty(), null);
    }

    /** Checks for {@code caller}, asking the kernel through {@code runner}. */
    public static CallerAccess of(Caller caller, CommandRunner runner) {
        return caller.uid() == 0 ? root() : new CallerAccess(Optional.of(caller), runner);
    }

    /**
     * The caller {@code env} names ({@link #UID_VARIABLE}); its name and groups come from the user
     * database through {@code id}.
     *
     * @throws InstallerException USAGE when {@link #UID_VARIABLE} is not a number
     */
    public static CallerAccess fromEnvironment(Map<String, String> env, CommandRunner runner) {
        String value = env.get(UID_VARIABLE);
        if (value == null || value.isBlank()) {
            return root();
        }
        int uid;
        try {
            uid = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InstallerException(ErrorCode.USAGE, UID_VARIABLE + " is '" + value + "', not a user id");
        }
        if (uid == 0) {
            return root();
        }
        return of(lookUp(uid, runner), runner);
    }

    private static Caller lookUp(int uid, CommandRunner runner) {
        CommandResult name = runner.execute(Command.of("id", "--name", "--user", "--", Integer.toString(uid)));
        CommandResult group = runner.execute(Command.of("id", "--group", "--", Integer.toString(uid)));
        if (!name.succeeded() || !group.succeeded()) {
            // Unknown to the user database: only the uid itself counts (group = uid, no other groups).
            return new Caller(uid, uid, "uid " + uid, false);
        }
        return new Caller(uid, Integer.parseInt(group.stdout().strip()), name.stdout().strip(), true);
    }

    /** The caller, or empty for root. */
    public Optional<Caller> caller() {
        return caller;
    }

    /**
     * Requires that the caller may read {@code path}: a file's content, or list and enter a
     * directory (not what is inside it). A path missing for the caller too passes: its user reports it.
     *
     * @param role what the path is to the run, for the message ("source", "cloud-init file")
     * @throws InstallerException ACCESS_DENIED naming the path, the role and the user
     */
    public void requireReadable(Path path, String role) {
        check(path, role, List.of("-maxdepth", "0", "!", "-readable", "-print", "-o", "-type", "d", "!", "-executable", "-print"),
                "read");
    }

    /** {@link #requireReadable}, for everything under {@code path} as well (a directory source). */
    public void requireReadableTree(Path path, String role) {
        check(path, role, List.of("!", "-type", "l", "(", "!", "-readable", "-o", "-type", "d", "!", "-executable", ")",
                "-print", "-quit"), "read");
    }

    /** Requires that the caller may read and write the file {@code path} (an existing image file). */
    public void requireReadWrite(Path path, String role) {
        check(path, role, List.of("-maxdepth", "0", "!", "(", "-readable", "-writable", ")", "-print"), "read and write");
    }

    /** Requires that the caller may create a file in the directory {@code dir} (a new image file). */
    public void requireCreatableIn(Path dir, String role) {
        check(dir, role, List.of("-maxdepth", "0", "!", "(", "-writable", "-executable", ")", "-print"),
                "create files in");
    }

    private void check(Path path, String role, List<String> expression, String verb) {
        if (caller.isEmpty()) {
            return;
        }
        Caller user = caller.get();
        Path absolute = path.toAbsolutePath();
        // find goes back to the directory it started in, and fails when the caller may not enter it: pkexec
        // starts the engine in root's home. So it starts in /, with the path made absolute first.
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(),
                user.knownUser() ? "--init-groups" : "--clear-groups", "--", "env", "--chdir=/", "find", "-H",
                absolute.toString()));
        argv.addAll(expression);
        CommandResult result = runner.execute(Command.of(argv));
        String denied = result.stdout().lines().findFirst().orElse("");
        if (result.succeeded() && denied.isEmpty()) {
            return;
        }
        if (!result.succeeded() && denied.isEmpty() && result.stderr().contains("No such file or directory")
                && !result.stderr().contains("Permission denied")) {
            return;
        }
        if (!result.succeeded() && denied.isEmpty() && !result.stderr().contains("Permission denied")) {
            throw new InstallerException(ErrorCode.ACCESS_DENIED, "cannot check whether the user " + user.name()
                    + " may " + verb + " " + path + ": " + result.stderr().strip(), result.command().display());
        }
        Path refused = denied.isEmpty() ? absolute : Path.of(denied);
        String where = refused.equals(absolute) ? path + " (the " + role + ")" : refused + ", inside the " + role + " " + path;
        throw new InstallerException(ErrorCode.ACCESS_DENIED, "the user " + user.name() + " may not " + verb + " " + where
                + ": choose a path that " + user.name() + " can " + verb + ", or change its permissions", result.command().display()
                + "\n" + result.stderr().strip());
    }
}
