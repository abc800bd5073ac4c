package dev.cos.installer.config;

import java.util.List;
import java.util.Optional;

/**
 * A parsed configuration value with its origin: what Jackson's tree model lacks, and what an
 * error message needs to name the file, line and column.
 */
sealed interface ConfigNode {

    Origin origin();

    /** What kind of value this is, for "expected X, got Y" messages. */
    String kind();

    /** A plain value. {@code kind} says how YAML typed it; environment variables are always TEXT. */
    record Scalar(Origin origin, String text, ScalarKind scalarKind) implements ConfigNode {
        @Override
        public String kind() {
            return "'" + text + "'";
        }
    }

    enum ScalarKind { TEXT, NUMBER, BOOLEAN }

    /** An explicit empty value ({@code key:} with nothing after it); treated as absent. */
    record Null(Origin origin) implements ConfigNode {
        @Override
        public String kind() {
            return "an empty value";
        }
    }

    /** A YAML mapping, its keys in file order; keys are unique (the reader refuses duplicates). */
    record Mapping(Origin origin, List<Field> fields) implements ConfigNode {
        public Mapping {
            fields = List.copyOf(fields);
        }

        Optional<Field> field(String key) {
            return fields.stream().filter(f -> f.key().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a mapping of keys";
        }
    }

    record Field(String key, Origin keyOrigin, ConfigNode value) {}

    record Sequence(Origin origin, List<ConfigNode> items) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }
}
