package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineEventsTest {

    @Test
    void readsEveryEventOfTheProtocolDocumentExample() {
        EngineEvent start = EngineEvents.parse("{\"event\":\"start\",\"time\":\"t\",\"verb\":\"install\",\"facts\":{\"target\":\"/tmp/disk.img (8.0 GiB)\",\"log\":\"/var/log/x.log\"}}").orElseThrow();
        assertEquals(Optional.of("/var/log/x.log"), assertInstanceOf(EngineEvent.Started.class, start).log());
        EngineEvent step = EngineEvents.parse("{\"event\":\"step-started\",\"step\":\"partition\",\"title\":\"Partitioning /dev/loop3\",\"index\":3,\"total\":13}").orElseThrow();
        assertEquals(new EngineEvent.StepStarted("partition", "Partitioning /dev/loop3", 3, 13), step);
        EngineEvent progress = EngineEvents.parse("{\"event\":\"progress\",\"step\":\"unpack\",\"fraction\":0.5,\"stepFraction\":0.25,\"bytesDone\":10,\"bytesTotal\":40}").orElseThrow();
        assertEquals(new EngineEvent.Progress("unpack", 0.5, 0.25, 10, 40), progress);
        EngineEvent result = EngineEvents.parse("{\"event\":\"result\",\"status\":\"success\",\"exitCode\":0,\"millis\":23817,\"summary\":{\"oem\":\"64.0 MiB COS_OEM\"}}").orElseThrow();
        assertEquals("64.0 MiB COS_OEM", assertInstanceOf(EngineEvent.Succeeded.class, result).summary().get("oem"));
    }

    @Test
    void anErrorCarriesItsStepMessageAndDetails() {
        EngineEvent.Failed failed = assertInstanceOf(EngineEvent.Failed.class, EngineEvents.parse(
                "{\"event\":\"error\",\"code\":\"FORMAT\",\"exitCode\":52,\"step\":\"format\",\"stepTitle\":\"Creating filesystems\","
                        + "\"message\":\"mkfs.ext4 failed\",\"details\":\"command: mkfs.ext4 -L COS_STATE\",\"log\":\"/l\"}").orElseThrow());
        assertEquals("FORMAT", failed.code());
        assertEquals(52, failed.exitCode());
        assertEquals(Optional.of("Creating filesystems"), failed.stepTitle());
        assertEquals("command: mkfs.ext4 -L COS_STATE", failed.details());
        EngineEvent.Failed early = assertInstanceOf(EngineEvent.Failed.class, EngineEvents.parse(
                "{\"event\":\"error\",\"code\":\"SOURCE\",\"exitCode\":50,\"message\":\"no such file\"}").orElseThrow());
        assertTrue(early.step().isEmpty(), "a refusal before writing names no step");
    }

    @Test
    void aStepTitleAndAFailedStepCarryTheirCodeAndArguments() {
        EngineEvent step = EngineEvents.parse("{\"event\":\"step-started\",\"step\":\"unpack\",\"title\":\"Unpacking oci:cos:2\","
                + "\"code\":\"step.unpack\",\"args\":{\"source\":\"oci:cos:2\"},\"index\":6,\"total\":13}").orElseThrow();
        assertEquals(new EngineEvent.StepStarted("unpack", "Unpacking oci:cos:2", "step.unpack", Map.of("source", "oci:cos:2"),
                6, 13), step);
        EngineEvent.Failed failed = assertInstanceOf(EngineEvent.Failed.class, EngineEvents.parse(
                "{\"event\":\"error\",\"code\":\"FORMAT\",\"exitCode\":52,\"step\":\"format\",\"stepTitle\":\"Creating filesystems\","
                        + "\"stepCode\":\"step.format\",\"stepArgs\":{},\"message\":\"mkfs.ext4 failed\"}").orElseThrow());
        assertEquals("FORMAT", failed.code(), "the failure's kind");
        assertEquals("step.format", failed.stepCode());
        assertEquals(Map.of(), failed.stepArgs());
    }

    @Test
    void linesThatAreNotEventsAreSkippedAndUnknownEventsKept() {
        assertTrue(EngineEvents.parse("Error executing command as another user: Not authorized").isEmpty());
        assertTrue(EngineEvents.parse("{broken").isEmpty());
        assertEquals(new EngineEvent.Other("heartbeat"), EngineEvents.parse("{\"event\":\"heartbeat\"}").orElseThrow());
    }
}
