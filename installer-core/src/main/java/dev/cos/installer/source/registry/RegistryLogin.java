package dev.cos.installer.source.registry;

import java.util.Objects;

/**
 * A user name and password (or token) for a registry. Its {@link #toString()} never shows the secret:
 * credentials are never written to logs, state.yaml or history.
 *
 * @param from where it was found, for messages ("config.yaml registry-auth", "/root/.docker/config.json")
 */
public record RegistryLogin(String username, String password, String from) {

    public RegistryLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
    }

    @Override
    public String toString() {
        return "login " + username + " (from " + from + ")";
    }
}
