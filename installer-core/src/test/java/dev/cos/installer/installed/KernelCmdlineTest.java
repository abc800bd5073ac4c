package dev.cos.installer.installed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.model.Slot;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelCmdlineTest {

    private static final String GRUB_LINE = "BOOT_IMAGE=(cos_loop_active)/boot/vmlinuz root=LABEL=COS_STATE"
            + " cos-img/filename=%s panic=5 rd.cos.oemlabel=COS_OEM console=tty0 console=ttyS0,115200\n";

    @Test
    void theImageOnTheCommandLineNamesTheSlot() {
        assertEquals(Optional.of(Slot.ACTIVE), KernelCmdline.bootedSlot(GRUB_LINE.formatted("/cOS/active.img")));
        assertEquals(Optional.of(Slot.PASSIVE), KernelCmdline.bootedSlot(GRUB_LINE.formatted("/cOS/passive.img")));
        assertEquals(Optional.of(Slot.RECOVERY), KernelCmdline.bootedSlot(GRUB_LINE.formatted("/cOS/recovery.squashfs")));
        assertEquals(Optional.of(Slot.RECOVERY), KernelCmdline.bootedSlot(GRUB_LINE.formatted("/cOS/recovery.img")));
    }

    @Test
    void noOrAnUnknownImageIsNotACosBoot() {
        assertEquals(Optional.empty(), KernelCmdline.bootedSlot("BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro quiet"));
        assertEquals(Optional.empty(), KernelCmdline.bootedSlot(GRUB_LINE.formatted("/cOS/transition.img")));
    }

    @Test
    void theLastParameterWinsAsForTheKernel() {
        assertEquals(Optional.of(Slot.PASSIVE), KernelCmdline.bootedSlot(
                "cos-img/filename=/cOS/active.img quiet cos-img/filename=/cOS/passive.img"));
    }
}
