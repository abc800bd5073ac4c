package dev.cos.installer.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.cos.installer.config.ConfigNode.Field;
import dev.cos.installer.config.ConfigNode.Mapping;
import dev.cos.installer.config.ConfigNode.Null;
import dev.cos.installer.config.ConfigNode.Scalar;
import dev.cos.installer.config.ConfigNode.ScalarKind;
import dev.cos.installer.config.ConfigNode.Sequence;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one YAML file into a {@link ConfigNode} tree that keeps the line and column of every key
 * and value. Jackson's streaming parser is used because its tree model forgets positions.
 */
final class YamlConfigReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlConfigReader() {}

    /**
     * The file's single document, or empty when the file holds no document at all.
     *
     * @throws InstallerException BAD_CONFIG for unreadable files, malformed YAML, duplicate keys,
     *     aliases and files with more than one document; the message names file, line and column
     */
    static Optional<ConfigNode> read(Path file) {
        try (InputStream in = Files.newInputStream(file); YAMLParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            ConfigNode root = value(parser, file);
            if (parser.nextToken() != null) {
                throw at(file, parser.currentTokenLocation())
                        .problem("a config file holds one YAML document; put the next one ('---') in its own file under config.d");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.BAD_CONFIG,
                    "cannot read config file " + file + ": " + FailureWords.describe(e), e.toString(), e);
        }
    }

    private static ConfigNode value(YAMLParser parser, Path file) throws IOException {
        Origin origin = at(file, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            // Jackson hands an alias over as the anchor's name, which would silently become a value.
            throw origin.problem("YAML aliases (*" + parser.getText() + ") are not supported: write the value out");
        }
        return switch (token) {
            case START_OBJECT -> mapping(parser, file, origin);
            case START_ARRAY -> sequence(parser, file, origin);
            case VALUE_NULL -> new Null(origin);
            case VALUE_TRUE, VALUE_FALSE -> new Scalar(origin, parser.getText(), ScalarKind.BOOLEAN);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(origin, parser.getText(), ScalarKind.NUMBER);
            default -> new Scalar(origin, parser.getText(), ScalarKind.TEXT);
        };
    }

    private static Mapping mapping(YAMLParser parser, Path file, Origin origin) throws IOException {
        List<Field> fields = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Origin keyOrigin = at(file, parser.currentTokenLocation());
            for (Field earlier : fields) {
                if (earlier.key().equals(key)) {
                    throw keyOrigin.problem("duplicate key '" + key + "' (first at " + earlier.keyOrigin().describe()
                            + "); keep only one");
                }
            }
            parser.nextToken();
            fields.add(new Field(key, keyOrigin, value(parser, file)));
        }
        return new Mapping(origin, fields);
    }

    private static Sequence sequence(YAMLParser parser, Path file, Origin origin) throws IOException {
        List<ConfigNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(parser, file));
        }
        return new Sequence(origin, items);
    }

    private static Origin at(Path file, JsonLocation location) {
        return new Origin.FilePosition(file, location.getLineNr(), location.getColumnNr());
    }

    private static InstallerException malformed(Path file, JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
        // SnakeYAML appends a multi-line excerpt with a caret; the first line names the problem.
        String firstLine = original.lines().findFirst().orElse(original).strip();
        JsonLocation location = e.getLocation();
        Origin origin = location == null || location.getLineNr() < 1 ? new Origin.WholeFile(file) : at(file, location);
        return new InstallerException(ErrorCode.BAD_CONFIG,
                origin.describe() + ": malformed YAML: " + firstLine, original, e);
    }
}
