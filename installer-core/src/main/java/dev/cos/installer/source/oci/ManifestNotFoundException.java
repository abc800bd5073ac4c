package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;

/**
 * A store has no manifest under the tag or digest asked for (a registry's 404, a layout without that
 * tag). Its own type because some callers read "not there" as an answer rather than a failure: the
 * cosign signature tag of an unsigned image is simply absent.
 */
public final class ManifestNotFoundException extends InstallerException {

    /** @param message for a person: which name, where, and what to do */
    public ManifestNotFoundException(String message) {
        super(ErrorCode.SOURCE, message);
    }
}
