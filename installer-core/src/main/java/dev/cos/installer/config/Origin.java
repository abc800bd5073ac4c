package dev.cos.installer.config;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.nio.file.Path;

/** Where a configuration value came from, so that an error can send the user to the right place. */
sealed interface Origin {

    /** For people: "/etc/elemental/config.yaml, line 4, column 5" or "environment variable ELEMENTAL_REBOOT". */
    String describe();

    /** A BAD_CONFIG error whose message starts with this origin and then names the problem. */
    default InstallerException problem(String problem) {
        return new InstallerException(ErrorCode.BAD_CONFIG, describe() + ": " + problem);
    }

    /** A position in a YAML file; line and column count from 1. */
    record FilePosition(Path file, int line, int column) implements Origin {
        @Override
        public String describe() {
            return file + ", line " + line + ", column " + column;
        }
    }

    /** A whole file, for problems that have no position (unreadable, empty of keys). */
    record WholeFile(Path file) implements Origin {
        @Override
        public String describe() {
            return file.toString();
        }
    }

    record EnvVariable(String name) implements Origin {
        @Override
        public String describe() {
            return "environment variable " + name;
        }
    }
}
