package dev.cos.installer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The arguments each request renders: what the CLI reads (docs/engine-session.md's {@code args}). */
class EngineRequestTest {

    private static final Optional<OfflineSystem> OFFLINE = Optional.of(new OfflineSystem(Path.of("/tmp/r.img"), "recovery"));
    private static final List<String> TARGET = List.of("--target", "/tmp/r.img", "--as-booted", "recovery");

    private static List<String> plus(List<String> args, List<String> more) {
        return java.util.stream.Stream.concat(args.stream(), more.stream()).toList();
    }

    @Test
    void theWizardsCalls() {
        InstallRequest install = new InstallRequest("/dev/vdb", Optional.empty(), Optional.of("/srv/os.img"), "efi",
                Map.of("oem", 64L));
        assertEquals(List.of("disks", "--json"), new EngineRequest.Disks().argv());
        assertEquals(List.of("check", "--json"), new EngineRequest.Check().argv());
        assertEquals(plus(List.of("plan", "--json"), install.arguments()), new EngineRequest.Plan(install).argv());
        assertEquals(plus(List.of("install", "--yes", "--progress=json"), install.arguments()),
                new EngineRequest.Install(install).argv());
        assertEquals(List.of("inspect", "--progress=json"), new EngineRequest.Inspect(Optional.empty(), false).argv());
        assertEquals(List.of("inspect", "--progress=json", "--allow-unverified", "https://x/os.img"),
                new EngineRequest.Inspect(Optional.of("https://x/os.img"), true).argv());
        assertEquals(List.of("inspect", "--progress=json", "--no-pull", "oci:r.example/cos:2.0"),
                new EngineRequest.Inspect(Optional.of("oci:r.example/cos:2.0"), false, true).argv(),
                "the wizard's quick check of a registry image: pinned and verified, no layer downloaded");
    }

    @Test
    void theSystemVerbsOnTheRunningSystemAndOffline() {
        assertEquals(List.of("status", "--json"), new EngineRequest.Status(Optional.empty()).argv());
        assertEquals(plus(List.of("status", "--json"), TARGET), new EngineRequest.Status(OFFLINE).argv());
        assertEquals(plus(List.of("upgrade-check", "--json", "--source", "oci:r/c:1.1"), TARGET),
                new EngineRequest.CheckUpgrade("oci:r/c:1.1", OFFLINE).argv());
        assertEquals(plus(List.of("diagnose", "--json"), TARGET), new EngineRequest.Diagnose(OFFLINE).argv());
        assertEquals(List.of("repair", "--describe", "--json"), new EngineRequest.DescribeRepairs().argv());
        assertEquals(List.of("upgrade", "--progress=json", "--source", "dir:///n", "--recovery"),
                new EngineRequest.Upgrade("dir:///n", true, Optional.empty()).argv());
        assertEquals(plus(List.of("bootentry", "--select", "passive", "--once", "--rehearsal"), TARGET),
                new EngineRequest.BootEntry("passive", true, true, OFFLINE).argv());
        assertEquals(List.of("rollback", "--swap", "--progress=json"), new EngineRequest.RollbackSwap(Optional.empty()).argv());
        assertEquals(plus(plus(List.of("repair", "--fsck", "--progress=json"), TARGET),
                List.of("--partition", "COS_OEM", "--yes-fix")),
                new EngineRequest.Repair(RepairKind.FSCK, List.of("COS_OEM"), true, OFFLINE).argv());
        assertEquals(List.of("repair", "--grub-env", "--progress=json"),
                new EngineRequest.Repair(RepairKind.GRUB_ENV, List.of(), false, Optional.empty()).argv());
        assertEquals(List.of("reset", "--progress=json", "--reset-persistent", "--reset-oem"),
                new EngineRequest.Reset(true, true, Optional.empty()).argv());
    }
}
