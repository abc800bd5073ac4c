package dev.cos.installer.source;

import java.util.Optional;

/** The identifying fields of a tree's os-release file (os-release(5)). */
public record OsRelease(Optional<String> name, Optional<String> versionId, Optional<String> prettyName) {

    /** PRETTY_NAME, else NAME and VERSION_ID, else "Linux" (the default os-release(5) gives). */
    public String displayName() {
        return prettyName.orElseGet(() -> name.orElse("Linux") + versionId.map(v -> " " + v).orElse(""));
    }
}
