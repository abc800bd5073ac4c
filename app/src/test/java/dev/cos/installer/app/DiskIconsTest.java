package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine's type/transport values (lsblk TRAN) to icon names. */
class DiskIconsTest {

    @Test
    void busesThatTellTheKind() {
        assertEquals("disk-nvme", DiskIcons.name("disk", "nvme", false));
        assertEquals("disk-usb", DiskIcons.name("disk", "usb", true));
        assertEquals("disk-usb", DiskIcons.name("disk", "usb", false), "USB disks often report RM=0");
        assertEquals("disk-sd", DiskIcons.name("disk", "mmc", true));
        assertEquals("disk-sd", DiskIcons.name("disk", "mmc", false), "eMMC");
        assertEquals("disk-virtual", DiskIcons.name("disk", "virtio", false));
    }

    @Test
    void internalBusesAreHardDisks() {
        for (String bus : new String[] {"sata", "ata", "sas", "scsi", "iscsi", "fc"}) {
            assertEquals("disk-hdd", DiskIcons.name("disk", bus, false), bus);
        }
        assertEquals("disk-usb", DiskIcons.name("disk", "sata", true), "a removable disk on a SATA/SCSI bridge");
    }

    @Test
    void noTransportIsAParavirtualDisk() {
        // vda on util-linux 2.38 (this machine): TRAN is empty.
        assertEquals("disk-virtual", DiskIcons.name("disk", "", false));
        assertEquals("disk-usb", DiskIcons.name("disk", "", true));
    }

    @Test
    void loopDevicesAreImageFiles() {
        assertEquals("disk-image-file", DiskIcons.name("loop", "", false));
        assertEquals("disk-image-file", DiskIcons.name("LOOP", "", false));
    }

    @Test
    void caseAndBlanksDoNotMatter() {
        assertEquals("disk-nvme", DiskIcons.name("disk", " NVMe ", false));
    }
}
