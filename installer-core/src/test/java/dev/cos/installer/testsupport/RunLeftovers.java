package dev.cos.installer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loop devices and mounts a test run left over files in its own temp directories. Every test temp
 * directory is {@code <java.io.tmpdir>/cos-test-<pid of the test JVM>-<random>} ({@link OwnedTempDirs}),
 * so a loop device is provably ours only when its backing file lies in such a directory, and the pid
 * says which run made it. A loop device whose backing file is anywhere else is never touched.
 * Released: the mounts of those loop devices (and any mount inside those directories), deepest first,
 * then the loop devices, by name (issue 17: a killed run's loop device made the next wizard test see
 * an installable disk).
 */
public final class RunLeftovers {

    /** The name every test temp directory starts with, followed by the test JVM's pid and a dash. */
    public static final String PREFIX = "cos-test-";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loop device as {@code losetup --list --json} lists it. */
    public record Loop(String device, String backingFile) {}

    /** A mount as {@code findmnt --list --json} lists it. */
    public record Mount(String source, String target) {}

    /** What to release: mounts deepest first, then loop devices. */
    public record Selection(List<Mount> mounts, List<Loop> loops) {
        public boolean isEmpty() {
            return mounts.isEmpty() && loops.isEmpty();
        }
    }

    private RunLeftovers() {
    }

    /**
     * Pure: the pid of the test run whose temp directory holds {@code path} (directly under {@code tmp},
     * named with {@link #PREFIX}); empty for any other path.
     */
    static OptionalLong owner(Path tmp, String path) {
        String root = tmp.toAbsolutePath().normalize() + "/" + PREFIX;
        if (!path.startsWith(root)) {
            return OptionalLong.empty();
        }
        Matcher m = Pattern.compile("(\\d+)-[^/]+/.*").matcher(path.substring(root.length()));
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * Pure: from listings of {@code losetup --list --json --output NAME,BACK-FILE} and {@code findmnt
     * --list --json --output SOURCE,TARGET}, what the runs {@code ended} says yes to left behind.
     */
    static Selection select(Path tmp, String losetupJson, String findmntJson, LongPredicate ended) {
        List<Loop> loops = new ArrayList<>();
        for (JsonNode loop : tree(losetupJson).path("loopdevices")) {
            Loop l = new Loop(loop.path("name").asText(), loop.path("back-file").asText());
            OptionalLong run = owner(tmp, l.backingFile());
            if (l.device().matches("/dev/loop\\d+") && run.isPresent() && ended.test(run.getAsLong())) {
                loops.add(l);
            }
        }
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode fs : tree(findmntJson).path("filesystems")) {
            Mount m = new Mount(fs.path("source").asText(), fs.path("target").asText());
            OptionalLong run = owner(tmp, m.target());
            boolean onOurLoop = loops.stream().anyMatch(l -> m.source().matches(Pattern.quote(l.device()) + "(p\\d+)?"));
            if (onOurLoop || (run.isPresent() && ended.test(run.getAsLong()))) {
                mounts.add(m);
            }
        }
        mounts.sort(Comparator.comparingInt((Mount m) -> m.target().length()).reversed());
        return new Selection(List.copyOf(mounts), List.copyOf(loops));
    }

    /**
     * Lists and releases what the runs {@code ended} says yes to left; says on stdout what it did. A
     * failure is reported, not thrown: a sweep must not fail a test run.
     */
    public static void sweep(String why, LongPredicate ended) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Selection left = select(tmp, Tools.run("losetup", "--list", "--json", "--output", "NAME,BACK-FILE"),
                    Tools.run("findmnt", "--list", "--json", "--output", "SOURCE,TARGET"), ended);
            if (left.isEmpty()) {
                return;
            }
            System.out.println(why + ": releasing what a test run left: " + left);
            for (Mount mount : left.mounts()) {
                report(Tools.execute("umount", mount.target()));
            }
            for (Loop loop : left.loops()) {
                Tools.execute("partx", "--delete", loop.device());
                report(Tools.execute("losetup", "--detach", loop.device()));
            }
        } catch (RuntimeException e) {
            System.out.println(why + ": could not release a test run's loop devices and mounts: " + e.getMessage());
        }
    }

    private static void report(CommandResult result) {
        if (!result.succeeded()) {
            System.out.println("`" + result.command().display() + "` exited " + result.exitCode() + ": " + result.stderr());
        }
    }

    private static JsonNode tree(String json) {
        try {
            // losetup and findmnt print nothing at all when there is nothing to list.
            return json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
