package dev.cos.installer.config;

import dev.cos.installer.config.ConfigNode.Null;
import dev.cos.installer.config.ConfigNode.Scalar;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One mapping of the configuration as the binder reads it, from a YAML file or from environment
 * variables, with typed accessors whose errors name the origin, the full key and the problem.
 * Every key the binder asks for counts as valid for that mapping: {@link BindContext} refuses
 * the keys nobody asked for once binding is done, so the binder is the one list of keys.
 */
abstract sealed class Section permits YamlSection, EnvSection {

    private static final List<String> TRUE_WORDS = List.of("true", "yes", "on", "1");
    private static final List<String> FALSE_WORDS = List.of("false", "no", "off", "0");

    /** Dotted path of this mapping, "" for the top level. */
    final String path;

    Section(String path) {
        this.path = path;
    }

    /** The value of {@code key}, empty when absent or explicitly empty; marks the key as valid. */
    abstract Optional<ConfigNode> node(String key);

    /** The mapping under {@code key} (empty when absent); marks the key as valid. */
    abstract Section child(String key);

    /**
     * Like {@link #child}, but a plain value is accepted as shorthand for a mapping holding only
     * {@code shorthandKey}: Elemental accepts {@code system: oci:img} for {@code system: {uri: oci:img}}.
     */
    abstract Section childOrShorthand(String key, String shorthandKey);

    /** The mappings of a list under {@code key} (empty when absent). */
    abstract List<Section> sectionList(String key);

    /** The plain values of a list under {@code key}; a single plain value counts as a list of one. */
    abstract List<Scalar> scalarList(String key);

    /**
     * Called on the top-level section once binding is done: refuses the first key (or
     * environment variable) that the binder never asked for, naming the valid ones.
     */
    abstract void refuseUnknownKeys();

    /** Where this mapping is (or, when absent, the closest place there is), for "is required" errors. */
    abstract Origin where();

    final String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    final Optional<Scalar> scalar(String key) {
        return node(key).filter(n -> !(n instanceof Null)).map(n -> {
            if (n instanceof Scalar s) {
                return s;
            }
            throw n.origin().problem(keyPath(key) + " must be a single value, got " + n.kind());
        });
    }

    final Scalar required(String key) {
        return scalar(key).orElseThrow(() -> where().problem(keyPath(key) + " is required"));
    }

    final Optional<String> string(String key) {
        return scalar(key).map(Scalar::text);
    }

    /** A size in MiB: a whole number, 0 or more. */
    final Optional<Long> mib(String key) {
        return scalar(key).map(s -> {
            long value;
            try {
                value = Long.parseLong(s.text().strip());
            } catch (NumberFormatException e) {
                throw s.origin().problem(keyPath(key) + " must be a number of MiB, got '" + s.text() + "'");
            }
            if (value < 0) {
                throw s.origin().problem(keyPath(key) + " must not be negative, got " + value + " (0 means the rest of the disk)");
            }
            return value;
        });
    }

    final Optional<Boolean> flag(String key) {
        return scalar(key).map(s -> {
            String word = s.text().strip().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return true;
            }
            if (FALSE_WORDS.contains(word)) {
                return false;
            }
            throw s.origin().problem(keyPath(key) + " must be true or false, got '" + s.text() + "'");
        });
    }

    /** One of an enum's constants, written in lower case ("efi", "ext4"); case is ignored. */
    final <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        return scalar(key).map(s -> choice(s, keyPath(key), type));
    }

    static <E extends Enum<E>> E choice(Scalar s, String keyPath, Class<E> type) {
        String word = s.text().strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(word)) {
                return constant;
            }
        }
        throw s.origin().problem(keyPath + " must be one of " + names(type) + ", got '" + s.text() + "'");
    }

    static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
