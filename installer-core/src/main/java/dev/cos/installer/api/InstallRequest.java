package dev.cos.installer.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the wizard asks the engine to plan and install: the answers of its pages, as engine arguments.
 *
 * @param target a block device path, or a disk image file path
 * @param newImageSize when the target is an image file to create: its size as the CLI reads it ("8G")
 * @param source the image to install; empty = the bundled demo image
 * @param firmware efi, bios, hybrid or auto
 * @param partSizesMiB sizes set by the user, by partition name (oem, recovery, state); the rest default
 * @param allowUnverified the person accepted an http(s) source with no published digest
 */
public record InstallRequest(String target, Optional<String> newImageSize, Optional<String> source, String firmware,
        Map<String, Long> partSizesMiB, boolean allowUnverified) {

    public InstallRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(newImageSize, "newImageSize");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(firmware, "firmware");
        partSizesMiB = Map.copyOf(new LinkedHashMap<>(partSizesMiB));
    }

    /** A request for a local source or one with a digest. */
    public InstallRequest(String target, Optional<String> newImageSize, Optional<String> source, String firmware,
            Map<String, Long> partSizesMiB) {
        this(target, newImageSize, source, firmware, partSizesMiB, false);
    }

    /** The arguments shared by {@code plan} and {@code install}, in a stable order. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--target", target));
        newImageSize.ifPresent(size -> args.addAll(List.of("--size", size)));
        source.ifPresent(s -> args.addAll(List.of("--source", s)));
        if (allowUnverified) {
            args.add("--allow-unverified");
        }
        args.addAll(List.of("--firmware", firmware));
        if (!partSizesMiB.isEmpty()) {
            StringBuilder sizes = new StringBuilder();
            for (String name : List.of("oem", "recovery", "state", "persistent")) {
                Long mib = partSizesMiB.get(name);
                if (mib != null) {
                    sizes.append(sizes.length() == 0 ? "" : ",").append(name).append('=').append(mib);
                }
            }
            args.addAll(List.of("--part-size", sizes.toString()));
        }
        return List.copyOf(args);
    }
}
