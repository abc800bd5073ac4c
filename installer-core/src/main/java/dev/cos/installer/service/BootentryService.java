package dev.cos.installer.service;

import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.bootentry.BootentrySpec;
import dev.cos.installer.status.FallbackRecorder;
import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.status.Rehearsal;
import dev.cos.installer.installed.OpenedSystem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** {@code bootentry}: which slot GRUB boots next (once) or by default, or a rollback rehearsal. */
public record BootentryService(Wiring wiring) {

    /** The GRUB variable written to COS_OEM:/grubenv and its value (with a note for a rehearsal). */
    public record Written(String variable, String value) {}

    public Written select(BootentrySpec spec) {
        return wiring.asRoot("bootentry", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                OpenedSystem opened = wiring.opener(mountBase).open(spec.location(), true, cleanup);
                OffsetDateTime now = OffsetDateTime.now(wiring.clock()).withOffsetSameInstant(ZoneOffset.UTC).withNano(0);
                FallbackRecorder.recordIfNew(opened, now);
                BootEntryWriter writer = new BootEntryWriter(wiring.runner(), mountBase);
                if (!spec.rehearsal()) {
                    Map.Entry<String, String> set = writer.select(opened, spec.slot(), spec.once());
                    return new Written(set.getKey(), set.getValue());
                }
                writer.rehearse(opened, now);
                HistoryLog.append(opened.mount(PartitionRole.STATE), new HistoryEvent(now, "rehearsal-requested",
                        Map.of("slot", "passive")));
                return new Written(BootEntryWriter.NEXT_ENTRY, spec.slot().menuEntry() + " (rehearsal: " + Rehearsal.VARIABLE
                        + "=pending)");
            }
        });
    }
}
