package dev.cos.installer.source.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): its scheme, lower case ("bearer",
 * "basic"), and its parameters (names lower case), e.g. {@code Bearer realm="https://auth/token",
 * service="registry",scope="repository:cos/demo:pull"}.
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    public AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Every challenge of a header value, in order. Quoted strings may hold commas and escaped quotes;
     * a malformed tail is ignored rather than guessed at.
     */
    public static List<AuthChallenge> parse(String header) {
        List<AuthChallenge> challenges = new ArrayList<>();
        Cursor at = new Cursor(header == null ? "" : header);
        while (true) {
            at.skip(" \t,");
            String scheme = at.token();
            if (scheme.isEmpty()) {
                return challenges;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            while (true) {
                at.skip(" \t");
                int mark = at.position;
                String name = at.token();
                at.skip(" \t");
                if (name.isEmpty() || !at.take('=')) {
                    at.position = mark;  // the next challenge's scheme, or the end
                    break;
                }
                at.skip(" \t");
                String value = at.peek() == '"' ? at.quoted() : at.token();
                parameters.put(name.toLowerCase(Locale.ROOT), value);
                at.skip(" \t");
                if (!at.take(',')) {
                    break;
                }
            }
            challenges.add(new AuthChallenge(scheme, parameters));
        }
    }

    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        boolean take(char c) {
            if (peek() == c) {
                position++;
                return true;
            }
            return false;
        }

        void skip(String chars) {
            while (position < text.length() && chars.indexOf(text.charAt(position)) >= 0) {
                position++;
            }
        }

        /** An RFC 7230 token (letters, digits and !#$%&'*+-.^_`|~), or a token68's characters (/ and = at its end). */
        String token() {
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || "!#$%&'*+-.^_`|~/:".indexOf(text.charAt(position)) >= 0)) {
                position++;
            }
            return text.substring(start, position);
        }

        String quoted() {
            StringBuilder value = new StringBuilder();
            position++;  // the opening quote
            while (position < text.length() && text.charAt(position) != '"') {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            position++;  // the closing quote
            return value.toString();
        }
    }
}
