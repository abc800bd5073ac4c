package dev.cos.installer.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules that keep an archive inside the tree it is extracted to. Pure: names in, the problem
 * (for a person) out. Absolute symlink targets are allowed: they point into the future root.
 *
 * <p>Names carried in PAX or GNU long-name headers reach us with leading '/' already stripped by
 * commons-compress; GNU tar strips them the same way when extracting, so such an entry lands inside
 * the tree, and only short absolute names can be refused here.
 */
final class TarEntryRules {

    private TarEntryRules() {
    }

    /** What is wrong with an entry's own name, if anything. */
    static Optional<String> checkName(String name) {
        if (name.startsWith("/")) {
            return Optional.of("has an absolute name");
        }
        if (components(name).contains("..")) {
            return Optional.of("has a '..' component in its name");
        }
        return Optional.empty();
    }

    /** What is wrong with a hard link's target (a name in the archive), if anything. */
    static Optional<String> checkHardLink(String target) {
        if (target.startsWith("/")) {
            return Optional.of("is a hard link to an absolute name (" + target + ")");
        }
        if (components(target).contains("..")) {
            return Optional.of("is a hard link whose target has a '..' component (" + target + ")");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a symlink {@code name -> target}: a relative target resolved lexically
     * from the link's directory must not climb above the root.
     */
    static Optional<String> checkSymlink(String name, String target) {
        if (target.startsWith("/")) {
            return Optional.empty();
        }
        List<String> linkPath = components(name);
        int depth = Math.max(0, linkPath.size() - 1);
        for (String part : components(target)) {
            depth += part.equals("..") ? -1 : 1;
            if (depth < 0) {
                return Optional.of("is a symlink whose target (" + target + ") leads outside the tree");
            }
        }
        return Optional.empty();
    }

    /** The path relative to the tree root without "./" prefixes, "" for the root itself. */
    static String normalized(String name) {
        return String.join("/", components(name));
    }

    private static List<String> components(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }
}
