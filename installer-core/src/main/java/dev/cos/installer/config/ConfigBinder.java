package dev.cos.installer.config;

import dev.cos.installer.spec.SquashCompression;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.config.ConfigNode.Scalar;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    private ConfigBinder() {}

    static InstallerConfigs bind(Section root) {
        InstallConfig install = install(root.child("install"));
        UpgradeConfig upgrade = upgrade(root.child("upgrade"));
        ResetConfig reset = reset(root.child("reset"));
        GlobalConfig global = new GlobalConfig(root.flag("reboot"), root.flag("poweroff"), root.flag("eject-cd"),
                root.flag("strict"), root.scalar("squash-compression").map(s -> compression(s, root.keyPath("squash-compression"))));
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

    private static SquashCompression compression(Scalar value, String keyPath) {
        if (UNREADABLE_BY_GRUB.contains(value.text().strip().toLowerCase(Locale.ROOT))) {
            throw value.origin().problem(keyPath + " '" + value.text()
                    + "': GRUB 2.06 cannot read squashfs compressed with zstd/lz4: use gzip, xz or lzo");
        }
        return Section.choice(value, keyPath, SquashCompression.class);
    }

}
