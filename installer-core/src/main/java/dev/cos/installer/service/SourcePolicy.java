package dev.cos.installer.service;

import dev.cos.installer.source.ContainerSettings;
import java.util.function.Consumer;

/**
 * How one request may use its source.
 *
 * @param allowUnverified whether an http(s) image with no digest may be used
 * @param unverified told (a warning for the person) about each image used without a digest
 * @param callersOwn whether the caller named the source, so it is opened with the caller's access; the
 *     demo image the engine built itself is not the caller's to be checked against
 * @param containers how a container image source is read: platform, signature verification, registries
 */
public record SourcePolicy(boolean allowUnverified, Consumer<String> unverified, boolean callersOwn,
        ContainerSettings containers) {
}
