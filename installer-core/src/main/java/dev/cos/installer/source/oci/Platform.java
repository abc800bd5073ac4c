package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.util.Objects;
import java.util.Optional;

/**
 * An image index entry's platform ({@code os/architecture[/variant]}), and the one chosen with
 * {@code --platform}.
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    /** What the installer installs unless told otherwise. */
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", Optional.empty());

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
    }

    /**
     * Parses {@code os/arch[/variant]}, as {@code --platform} takes it.
     *
     * @throws InstallerException USAGE when it is not of that form
     */
    public static Platform parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new InstallerException(ErrorCode.USAGE, "the platform '" + text
                    + "' is not of the form os/architecture[/variant], as in linux/amd64 or linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** Whether an index entry for {@code other} serves this platform (a variant is compared only when this one names it). */
    public boolean accepts(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant.isEmpty() || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
