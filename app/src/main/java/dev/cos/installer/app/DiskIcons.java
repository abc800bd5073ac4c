package dev.cos.installer.app;

import java.util.Locale;

/**
 * Which icon shows a disk, from the engine's {@code disks --json} fields: {@code type} ("disk" or
 * "loop") and {@code transport} (lsblk's TRAN: "sata", "nvme", "usb", "mmc", "virtio", ... or "" when
 * the kernel reports none, as for virtio disks on older util-linux). Pure.
 *
 * <p>lsblk's transport does not say whether a SATA/SCSI disk spins, so those are all shown as
 * {@code disk-hdd}; {@code disk-ssd} is for a caller that knows (see {@link #SSD}).
 */
public final class DiskIcons {

    public static final String HDD = "disk-hdd";
    public static final String SSD = "disk-ssd";
    public static final String NVME = "disk-nvme";
    public static final String USB = "disk-usb";
    public static final String SD = "disk-sd";
    public static final String VIRTUAL = "disk-virtual";
    public static final String IMAGE_FILE = "disk-image-file";

    private DiskIcons() {}

    /**
     * @param type the engine's type: "disk" or "loop" (a loop device is backed by a file)
     * @param transport lsblk's transport, "" when unknown
     * @param removable lsblk's RM flag
     * @return the icon name, e.g. {@code disk-nvme}
     */
    public static String name(String type, String transport, boolean removable) {
        if (type.equalsIgnoreCase("loop")) {
            return IMAGE_FILE;
        }
        return switch (transport.strip().toLowerCase(Locale.ROOT)) {
            case "nvme" -> NVME;
            case "usb" -> USB;
            case "mmc" -> SD;
            case "virtio", "xen", "vmbus" -> VIRTUAL;
            // Physical controllers report their bus; no transport at all is a paravirtual disk
            // (virtio-blk before util-linux 2.39) unless the kernel calls it removable.
            case "" -> removable ? USB : VIRTUAL;
            default -> removable ? USB : HDD;
        };
    }
}
