package dev.cos.installer.config;

import dev.cos.installer.config.ConfigNode.Field;
import dev.cos.installer.config.ConfigNode.Mapping;
import dev.cos.installer.config.ConfigNode.Null;
import dev.cos.installer.config.ConfigNode.Scalar;
import dev.cos.installer.config.ConfigNode.Sequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@link Section} over one mapping of a YAML file. */
final class YamlSection extends Section {

    private final Optional<Mapping> mapping;
    private final Origin where;
    private final Set<String> asked = new LinkedHashSet<>();
    /** Every section of the same file, shared, so the root can check them all for unknown keys. */
    private final List<YamlSection> fileSections;

    private YamlSection(String path, Optional<Mapping> mapping, Origin parentWhere, List<YamlSection> fileSections) {
        super(path);
        this.mapping = mapping;
        this.where = mapping.map(Mapping::origin).orElse(parentWhere);
        this.fileSections = fileSections;
        fileSections.add(this);
    }

    /** The top level of a file; {@code document} is empty for a file without any document. */
    static YamlSection root(Optional<ConfigNode> document, Path file) {
        Optional<Mapping> top = document.filter(d -> !(d instanceof Null)).map(d -> {
            if (d instanceof Mapping m) {
                return m;
            }
            throw d.origin().problem("the top level of a config file must be a mapping of keys such as 'install:' or 'reboot:', got "
                    + d.kind());
        });
        return new YamlSection("", top, new Origin.WholeFile(file), new ArrayList<>());
    }

    @Override
    Origin where() {
        return where;
    }

    @Override
    Optional<ConfigNode> node(String key) {
        asked.add(key);
        // An empty value ("key:" or "key: ''") means unset, as an empty environment variable does.
        return mapping.flatMap(m -> m.field(key)).map(Field::value)
                .filter(v -> !(v instanceof Null) && !(v instanceof Scalar s && s.text().isBlank()));
    }

    @Override
    Section child(String key) {
        return new YamlSection(keyPath(key), node(key).map(n -> asMapping(n, keyPath(key))), where, fileSections);
    }

    @Override
    Section childOrShorthand(String key, String shorthandKey) {
        Optional<Mapping> sub = node(key).map(n -> n instanceof Scalar s
                ? new Mapping(s.origin(), List.of(new Field(shorthandKey, s.origin(), s)))
                : asMapping(n, keyPath(key)));
        return new YamlSection(keyPath(key), sub, where, fileSections);
    }

    @Override
    List<Section> sectionList(String key) {
        List<Section> sections = new ArrayList<>();
        List<ConfigNode> items = items(key);
        for (int i = 0; i < items.size(); i++) {
            String itemPath = keyPath(key) + "[" + i + "]";
            sections.add(new YamlSection(itemPath, Optional.of(asMapping(items.get(i), itemPath)), where, fileSections));
        }
        return sections;
    }

    @Override
    List<Scalar> scalarList(String key) {
        Optional<ConfigNode> value = node(key);
        if (value.isPresent() && value.get() instanceof Scalar single) {
            return List.of(single);
        }
        List<Scalar> scalars = new ArrayList<>();
        for (ConfigNode item : items(key)) {
            if (!(item instanceof Scalar s)) {
                throw item.origin().problem(keyPath(key) + " must be a list of single values, got " + item.kind() + " in it");
            }
            scalars.add(s);
        }
        return scalars;
    }

    @Override
    void refuseUnknownKeys() {
        for (YamlSection section : fileSections) {
            section.mapping.ifPresent(m -> m.fields().forEach(field -> section.refuseIfUnknown(field)));
        }
    }

    private void refuseIfUnknown(Field field) {
        if (asked.contains(field.key())) {
            return;
        }
        String where = path.isEmpty() ? "at the top level" : "in " + path;
        throw field.keyOrigin().problem("unknown key '" + field.key() + "' " + where + Suggestion.hint(field.key(), asked)
                + "; valid keys: " + String.join(", ", asked));
    }

    private List<ConfigNode> items(String key) {
        return node(key).map(n -> {
            if (n instanceof Sequence s) {
                return s.items();
            }
            throw n.origin().problem(keyPath(key) + " must be a list, got " + n.kind());
        }).orElse(List.of());
    }

    private static Mapping asMapping(ConfigNode node, String keyPath) {
        if (node instanceof Mapping m) {
            return m;
        }
        throw node.origin().problem(keyPath + " must be a mapping of keys, got " + node.kind());
    }
}
