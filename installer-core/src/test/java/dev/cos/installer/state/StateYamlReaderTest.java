package dev.cos.installer.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateYamlReaderTest {

    @Test
    void readsWhatTheInstallWrites() {
        ImageRecord active = new ImageRecord("dir:///srv/v2", "sha256:aa", 10, Optional.of("COS_ACTIVE"), "ext2");
        ImageRecord passive = new ImageRecord("file:///srv/v1.tar", "sha256:bb", 20, Optional.of("COS_PASSIVE"), "ext2");
        ImageRecord recovery = new ImageRecord("dir:///srv/v1", "sha256:cc", 30, Optional.empty(), "squashfs");
        InstallState written = new InstallState(OffsetDateTime.parse("2026-11-26T00:00:00Z"), "MY_STATE", active, passive,
                "MY_RECOVERY", recovery, Map.of("oem", "MY_OEM", "persistent", "MY_PERSISTENT", "efi", "COS_GRUB"));
        assertEquals(written, StateYamlReader.parse(StateYaml.render(written), "state.yaml"));
    }

    @Test
    void aContainerImageIsRecordedByDigestWithTheTagItCameFrom() {
        // A tag that looks like a number must stay text: unquoted, 1.10 would read back as 1.1.
        String pinned = "oci:registry.example.org:5000/cos/system@sha256:" + "ab".repeat(32);
        ImageRecord active = new ImageRecord(pinned, "sha256:" + "ab".repeat(32), 4242, Optional.of("COS_ACTIVE"), "ext2",
                Optional.of("1.10"));
        ImageRecord recovery = new ImageRecord("dir:///srv/v1", "sha256:cc", 30, Optional.empty(), "squashfs");
        InstallState written = new InstallState(OffsetDateTime.parse("2026-11-26T00:00:00Z"), "COS_STATE", active,
                active.as(Optional.of("COS_PASSIVE"), "ext2"), "COS_RECOVERY", recovery,
                Map.of("oem", "COS_OEM", "persistent", "COS_PERSISTENT"));

        String yaml = StateYaml.render(written);

        assertTrue(yaml.contains("    source: " + pinned + "\n    source-metadata:\n      digest: sha256:" + "ab".repeat(32)
                + "\n      size: 4242\n      tag: \"1.10\"\n"), yaml);
        assertEquals(written, StateYamlReader.parse(yaml, "state.yaml"), "the tag reads back, also on passive");
    }

    @Test
    void aSourceUrlsPasswordAndQueryValuesAreNotWrittenToStateYaml() {
        ImageRecord active = new ImageRecord("https://alice:hunter2@example.com/os.tar.gz?token=s3cr3t#sha256=ab12",
                "sha256:aa", 10, Optional.of("COS_ACTIVE"), "ext2");
        ImageRecord recovery = new ImageRecord("dir:///srv/v1", "sha256:cc", 30, Optional.empty(), "squashfs");
        String yaml = StateYaml.render(new InstallState(OffsetDateTime.parse("2026-11-26T00:00:00Z"), "COS_STATE", active,
                active, "COS_RECOVERY", recovery, Map.of()));
        assertTrue(yaml.contains("https://alice:***@example.com/os.tar.gz?token=***#sha256=ab12"), yaml);
        assertTrue(!yaml.contains("hunter2") && !yaml.contains("s3cr3t"), yaml);
    }

    @Test
    void missingLabelsAreTheDefaults() {
        InstallState state = StateYamlReader.parse("""
                date: "2021-06-01T10:00:00Z"
                state:
                  active: {source: "oci://quay.io/cos/system:v1", source-metadata: {digest: "sha256:aa", size: 5}, fs: ext2}
                  passive: {source: "oci://quay.io/cos/system:v0"}
                recovery:
                  recovery: {source: "oci://quay.io/cos/recovery:v1", fs: squashfs}
                """, "state.yaml");
        assertEquals("COS_STATE", state.stateLabel());
        assertEquals("COS_RECOVERY", state.recoveryLabel());
        assertEquals(Optional.of("COS_ACTIVE"), state.active().label());
        assertEquals(Optional.of("COS_PASSIVE"), state.passive().label());
        assertEquals("ext2", state.passive().fs());
        assertEquals(Optional.empty(), state.recovery().label());
        assertEquals("COS_OEM", state.otherPartitionLabels().get("oem"));
        assertEquals("COS_PERSISTENT", state.otherPartitionLabels().get("persistent"));
        assertEquals("sha256:aa", state.active().digest());
        assertEquals(5, state.active().sizeBytes());
    }

    @Test
    void anExt2RecoveryWithoutLabelIsCosSystem() {
        InstallState state = StateYamlReader.parse("state: {}\nrecovery: {recovery: {fs: ext2}}\n", "state.yaml");
        assertEquals(Optional.of("COS_SYSTEM"), state.recovery().label());
    }

    @Test
    void garbageIsAClearStateFileError() {
        for (String garbage : new String[] {"\u0000\u0001binary{{[", "just a line\n", "- a\n- list\n", "date: x\n",
                "state: {}\ndate: yesterday\n"}) {
            InstallerException e = assertThrows(InstallerException.class, () -> StateYamlReader.parse(garbage,
                    "COS_STATE:/state.yaml"));
            assertEquals(ErrorCode.STATE_FILE, e.code());
            assertTrue(e.getMessage().startsWith("cannot read COS_STATE:/state.yaml: "), e.getMessage());
        }
    }
}
