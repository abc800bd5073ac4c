package dev.cos.installer.config;

import dev.cos.installer.spec.SquashCompression;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.config.ConfigNode.Scalar;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.registry.RegistryLogin;
import dev.cos.installer.source.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one configuration layer (a file or the environment) into an {@link InstallerConfigs}.
 * The keys asked for here, in this order, are the valid keys: see {@link Section}.
 */
final class ConfigBinder {

    /** GPT partition names hold 36 UTF-16 code units. */
    private static final int MAX_GPT_NAME = 36;
    private static final List<String> UNREADABLE_BY_GRUB = List.of("zstd", "lz4");
    private static final String FROM_CONFIG = "config.yaml registry-auth";

    private ConfigBinder() {}

    static InstallerConfigs bind(Section root) {
        InstallConfig install = install(root.child("install"));
        UpgradeConfig upgrade = upgrade(root.child("upgrade"));
        ResetConfig reset = reset(root.child("reset"));
        GlobalConfig global = new GlobalConfig(root.flag("reboot"), root.flag("poweroff"), root.flag("eject-cd"),
                root.flag("strict"), root.scalar("squash-compression").map(s -> compression(s, root.keyPath("squash-compression"))),
                containers(root));
        root.refuseUnknownKeys();
        return new InstallerConfigs(global, install, upgrade, reset);
    }

    private static InstallConfig install(Section s) {
        InstallConfig.Builder install = InstallConfig.builder()
                .target(s.string("target").map(Path::of))
                .firmware(s.choice("firmware", Firmware.class));
        s.scalar("part-table").ifPresent(table -> {
            if (!table.text().strip().equalsIgnoreCase("gpt")) {
                throw table.origin().problem(s.keyPath("part-table") + " '" + table.text()
                        + "': only gpt is supported (set it to gpt or remove it)");
            }
        });
        Section partitions = s.child("partitions");
        PartitionsConfig configured = PartitionsConfig.EMPTY;
        for (PartitionRole role : PartitionsConfig.CONFIGURABLE) {
            configured = configured.with(role, partition(partitions.child(role.gptName())));
        }
        install.partitions(configured)
                .extraPartitions(extraPartitions(s))
                .systemUri(uri(s, "system"));
        Section recoverySystem = s.childOrShorthand("recovery-system", "uri");
        return install.recoverySystemUri(recoverySystem.string("uri"))
                .recoverySystemFs(recoverySystem.choice("fs", RecoveryFs.class))
                .cloudInit(s.scalarList("cloud-init").stream().map(Scalar::text).toList())
                .grubEntryName(s.string("grub-entry-name"))
                .noFormat(s.flag("no-format"))
                .force(s.flag("force"))
                .systemSizeMiB(s.mib("system-size"))
                .allowUnverified(s.flag("allow-unverified"))
                .build();
    }

    private static PartitionConfig partition(Section s) {
        Optional<String> label = label(s);
        Optional<Long> sizeMiB = s.mib("size");
        return new PartitionConfig(label, sizeMiB, s.choice("fs", PartitionFs.class));
    }

    private static List<ExtraPartition> extraPartitions(Section install) {
        List<ExtraPartition> extras = new ArrayList<>();
        Map<String, Scalar> seen = new HashMap<>();
        List<String> layoutNames = Arrays.stream(PartitionRole.values()).map(PartitionRole::gptName).toList();
        for (Section s : install.sectionList("extra-partitions")) {
            Scalar name = s.required("name");
            String gptName = name.text().strip();
            if (gptName.isEmpty() || gptName.length() > MAX_GPT_NAME) {
                throw name.origin().problem(s.keyPath("name") + " must be 1 to " + MAX_GPT_NAME + " characters, got '" + gptName + "'");
            }
            if (layoutNames.contains(gptName)) {
                throw name.origin().problem(s.keyPath("name") + " '" + gptName + "' is a partition of the cOS layout; configure it under "
                        + install.keyPath("partitions") + " instead, or choose another name");
            }
            Scalar earlier = seen.putIfAbsent(gptName, name);
            if (earlier != null) {
                throw name.origin().problem("extra partition '" + gptName + "' is listed twice (first at " + earlier.origin().describe() + ")");
            }
            s.required("size");
            long sizeMiB = s.mib("size").orElseThrow(); // present: required() passed
            Optional<PartitionFs> fs = s.choice("fs", PartitionFs.class);
            Optional<String> label = label(s);
            if (label.isPresent() && fs.isEmpty()) {
                throw s.scalar("label").orElseThrow().origin().problem(s.keyPath("label")
                        + " needs a filesystem: set " + s.keyPath("fs") + " to one of " + Section.names(PartitionFs.class));
            }
            extras.add(new ExtraPartition(gptName, sizeMiB, fs, label));
        }
        return extras;
    }

    /** A filesystem label: ext2/3/4 labels hold at most 16 bytes. */
    private static Optional<String> label(Section s) {
        return s.scalar("label").map(label -> {
            int bytes = label.text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > PartitionFs.MAX_LABEL_BYTES) {
                throw label.origin().problem(s.keyPath("label") + " '" + label.text() + "' is " + bytes
                        + " bytes long; ext filesystem labels hold 1 to " + PartitionFs.MAX_LABEL_BYTES);
            }
            return label.text();
        });
    }

    private static UpgradeConfig upgrade(Section s) {
        return new UpgradeConfig(uri(s, "system"), s.flag("recovery"),
                uri(s, "recovery-system"), s.flag("allow-unverified"));
    }

    private static ResetConfig reset(Section s) {
        return new ResetConfig(s.flag("reset-persistent"), s.flag("reset-oem"), uri(s, "system"), s.flag("allow-unverified"));
    }

    /** {@code key.uri}, or {@code key} itself as shorthand; kept as written, resolved by the image sources. */
    private static Optional<String> uri(Section s, String key) {
        return s.childOrShorthand(key, "uri").string("uri");
    }

    /** Elemental's platform, cosign, cosign-key; our registries and registry-auth. */
    private static ContainerConfig containers(Section root) {
        Optional<Platform> platform = root.scalar("platform").map(s -> {
            try {
                return Platform.parse(s.text());
            } catch (InstallerException e) {
                throw s.origin().problem(root.keyPath("platform") + ": " + e.getMessage());
            }
        });
        Section registries = root.child("registries");
        List<String> insecure = registries.scalarList("insecure").stream().map(s -> s.text().strip().toLowerCase(Locale.ROOT))
                .toList();
        return new ContainerConfig(platform, root.flag("cosign"), root.string("cosign-key").map(Path::of),
                registries.string("ca-file").map(Path::of), insecure, logins(root));
    }

    /**
     * registry-auth: a list of {registry, username + password | auth} (auth: base64 of user:password, as
     * auth.json writes it). No message here repeats a value: they may be secrets.
     */
    private static Map<String, RegistryLogin> logins(Section root) {
        Map<String, RegistryLogin> logins = new java.util.LinkedHashMap<>();
        Map<String, Scalar> seen = new HashMap<>();
        for (Section s : root.sectionList("registry-auth")) {
            Scalar registry = s.required("registry");
            String host = registry.text().strip().toLowerCase(Locale.ROOT);
            Scalar earlier = seen.putIfAbsent(host, registry);
            if (earlier != null) {
                throw registry.origin().problem("registry '" + host + "' is listed twice in registry-auth (first at "
                        + earlier.origin().describe() + ")");
            }
            Optional<Scalar> auth = s.scalar("auth");
            Optional<String> username = s.string("username");
            Optional<String> password = s.string("password");
            if (auth.isPresent() == (username.isPresent() || password.isPresent())) {
                throw s.where().problem(s.path + " for " + host
                        + ": give either username and password, or auth (base64 of user:password), not both and not neither");
            }
            if (auth.isPresent()) {
                logins.put(host, decodedAuth(host, auth.get(), s.keyPath("auth")));
            } else {
                if (username.isEmpty() || password.isEmpty()) {
                    throw s.where().problem(s.keyPath(username.isEmpty() ? "username" : "password") + " for " + host
                            + " is required beside the " + (username.isEmpty() ? "password" : "username"));
                }
                logins.put(host, new RegistryLogin(username.get(), password.get(), FROM_CONFIG));
            }
        }
        return logins;
    }

    private static RegistryLogin decodedAuth(String host, Scalar auth, String keyPath) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.text().strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw auth.origin().problem(keyPath + " for " + host + " is not base64 (it is base64 of user:password)");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw auth.origin().problem(keyPath + " for " + host + " does not decode to user:password");
        }
        return new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1), FROM_CONFIG);
    }

    private static SquashCompression compression(Scalar value, String keyPath) {
        if (UNREADABLE_BY_GRUB.contains(value.text().strip().toLowerCase(Locale.ROOT))) {
            throw value.origin().problem(keyPath + " '" + value.text()
                    + "': GRUB 2.06 cannot read squashfs compressed with zstd/lz4: use gzip, xz or lzo");
        }
        return Section.choice(value, keyPath, SquashCompression.class);
    }

}
