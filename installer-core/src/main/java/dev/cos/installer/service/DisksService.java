package dev.cos.installer.service;

import dev.cos.installer.disk.BlockDevice;
import dev.cos.installer.model.ByteSize;
import java.util.List;

/** {@code disks}: the disks an installation could target, and why a disk cannot be used. */
public record DisksService(Wiring wiring) {

    /** @param minimumSize disks smaller than this are reported as too small */
    public List<BlockDevice> disks(ByteSize minimumSize) {
        return wiring.disks().scan(minimumSize);
    }
}
