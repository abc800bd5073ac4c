package dev.cos.installer.config;

import dev.cos.installer.config.ConfigNode.Scalar;
import dev.cos.installer.config.ConfigNode.ScalarKind;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Section} over environment variables: key {@code install.partitions.state.size} is
 * variable {@code ELEMENTAL_INSTALL_PARTITIONS_STATE_SIZE} (upper case, '-' and '.' become '_').
 * Lists are comma-separated. An empty variable counts as unset.
 */
final class EnvSection extends Section {

    static final String PREFIX = "ELEMENTAL_";

    private final Map<String, String> env;
    private final String prefix;
    /** Shared by all sections of one binding: the variables asked for, and the sections' prefixes. */
    private final Set<String> asked;
    private final Set<String> sectionPrefixes;

    private EnvSection(String path, String prefix, Map<String, String> env, Set<String> asked, Set<String> sectionPrefixes) {
        super(path);
        this.prefix = prefix;
        this.env = env;
        this.asked = asked;
        this.sectionPrefixes = sectionPrefixes;
    }

    static EnvSection root(Map<String, String> env) {
        return new EnvSection("", PREFIX, Map.copyOf(env), new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    /** The variable name for a dotted key path: "install.system-size" -> "ELEMENTAL_INSTALL_SYSTEM_SIZE". */
    static String variableName(String keyPath) {
        return PREFIX + keyPath.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** Environment sections have no place of their own; a missing key is its variable. */
    @Override
    Origin where() {
        return new Origin.EnvVariable(prefix + "*");
    }

    @Override
    Optional<ConfigNode> node(String key) {
        String name = variableName(keyPath(key));
        asked.add(name);
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Scalar(new Origin.EnvVariable(name), value, ScalarKind.TEXT));
    }

    @Override
    Section child(String key) {
        String childPrefix = variableName(keyPath(key)) + "_";
        sectionPrefixes.add(childPrefix);
        return new EnvSection(keyPath(key), childPrefix, env, asked, sectionPrefixes);
    }

    @Override
    Section childOrShorthand(String key, String shorthandKey) {
        return child(key);
    }

    /** The variables asked for so far, in the binder's order: after binding, all there are. */
    List<String> askedVariables() {
        return List.copyOf(asked);
    }

    @Override
    List<Section> sectionList(String key) {
        node(key).ifPresent(n -> {
            throw n.origin().problem(keyPath(key) + " cannot be set from the environment: put it in a config file");
        });
        return List.of();
    }

    @Override
    List<Scalar> scalarList(String key) {
        return node(key).map(n -> Arrays.stream(((Scalar) n).text().split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .map(item -> new Scalar(n.origin(), item, ScalarKind.TEXT))
                .toList()).orElse(List.of());
    }

    /**
     * Refuses an unknown variable inside one of our sections (ELEMENTAL_INSTALL_*, ...). Other
     * ELEMENTAL_* variables are left alone: the toolkit's own tools use some (ELEMENTAL_DEBUG).
     */
    @Override
    void refuseUnknownKeys() {
        for (String name : new TreeSet<>(env.keySet())) {
            if (asked.contains(name) || env.get(name).isBlank()) {
                continue;
            }
            for (String sectionPrefix : sectionPrefixes) {
                if (name.startsWith(sectionPrefix)) {
                    List<String> valid = asked.stream().filter(n -> n.startsWith(sectionPrefix)).toList();
                    throw new Origin.EnvVariable(name).problem("not a setting of this installer" + Suggestion.hint(name, valid)
                            + "; valid variables " + sectionPrefix + "*: " + String.join(", ", valid));
                }
            }
        }
    }
}
