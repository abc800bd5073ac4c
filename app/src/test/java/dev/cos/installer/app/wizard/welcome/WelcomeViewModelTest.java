package dev.cos.installer.app.wizard.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.SystemCheck;
import dev.cos.installer.app.host.HostFacts;
import dev.cos.installer.app.testsupport.Contexts;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.welcome.WelcomeViewModel.Check;
import dev.cos.installer.app.wizard.welcome.WelcomeViewModel.Status;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The welcome page's checks, and when they let the person continue. */
class WelcomeViewModelTest {

    private final FakeEngine engine = new FakeEngine();
    private final WizardContext context = Contexts.of(engine, Path.of("/tmp/unused.img"));

    private WelcomeViewModel entered(long ramBytes, Firmware firmware) {
        WelcomeViewModel vm = new WelcomeViewModel(context, () -> new HostFacts(OptionalLong.of(ramBytes), firmware));
        vm.onEnter();
        return vm;
    }

    private static Check row(WelcomeViewModel vm, String id) {
        return vm.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id + " row"));
    }

    @Test
    void everyCheckPassesOnAMachineWithMemoryToolsAndDisks() {
        engine.check = Fixtures.check();
        engine.disks = Fixtures.loops();

        WelcomeViewModel vm = entered(4 * ByteSize.GIB, Firmware.EFI);

        assertEquals(List.of("memory", "firmware", "tools", "disks"), vm.checks().stream().map(Check::id).toList());
        assertTrue(vm.checks().stream().allMatch(c -> c.status() == Status.PASSED), vm.checks().toString());
        assertEquals("Memory: 4.0 GiB (at least 1.0 GiB needed)", row(vm, "memory").text());
        assertEquals("Firmware: UEFI", row(vm, "firmware").text());
        assertEquals("System tools: all 25 tools the installer runs are present", row(vm, "tools").text());
        assertEquals("Disks: 2 can be installed on", row(vm, "disks").text());
        assertTrue(vm.complete().get());
        assertSame(engine.disks, context.model().disks().get(), "the disk page reuses this listing");
    }

    @Test
    void nextStaysDisabledUntilTheChecksHaveRun() {
        WelcomeViewModel vm = new WelcomeViewModel(context, () -> new HostFacts(OptionalLong.of(ByteSize.GIB * 2), Firmware.BIOS));
        assertFalse(vm.complete().get());
        vm.onEnter();
        assertTrue(vm.complete().get());
        assertEquals("Firmware: BIOS (legacy boot)", row(vm, "firmware").text());
    }

    @Test
    void lessThanOneGibOfMemoryBlocks() {
        WelcomeViewModel vm = entered(512 * ByteSize.MIB, Firmware.BIOS);

        Check memory = row(vm, "memory");
        assertEquals(Status.FAILED, memory.status());
        assertTrue(memory.blocks());
        assertEquals("Memory: 512 MiB is less than the 1.0 GiB an installation needs. Add memory, or give the virtual machine more.",
                memory.text());
        assertFalse(vm.complete().get());
    }

    @Test
    void aOneGibMachineWhoseKernelKeepsSomeMemoryPasses() {
        // A 1 GiB virtual machine reports MemTotal: 1004112 kB.
        WelcomeViewModel vm = entered(1004112L * 1024, Firmware.BIOS);

        assertEquals(Status.PASSED, row(vm, "memory").status());
        assertTrue(vm.complete().get());
    }

    @Test
    void missingToolsBlockAndNameThePackagesToInstall() {
        engine.check = new SystemCheck("bios", false, List.of(new SystemCheck.Tool("sgdisk", "gdisk", false),
                new SystemCheck.Tool("tar", "tar", true), new SystemCheck.Tool("mksquashfs", "squashfs-tools", false)),
                List.of("gdisk", "squashfs-tools"));

        WelcomeViewModel vm = entered(4 * ByteSize.GIB, Firmware.BIOS);

        Check tools = row(vm, "tools");
        assertEquals(Status.FAILED, tools.status());
        assertEquals("Missing system tools: sgdisk, mksquashfs. Install them with: apt-get install gdisk squashfs-tools", tools.text());
        assertFalse(vm.complete().get());
    }

    @Test
    void noEligibleDiskIsANoteThatDoesNotBlock() {
        engine.disks = Fixtures.vdaOnly();

        WelcomeViewModel vm = entered(4 * ByteSize.GIB, Firmware.BIOS);

        Check disks = row(vm, "disks");
        assertEquals(Status.NOTE, disks.status());
        assertFalse(disks.blocks());
        assertTrue(disks.text().contains("the installer will write a disk image file instead"), disks.text());
        assertTrue(vm.complete().get());
    }

    @Test
    void anEngineThatCannotAnswerBlocksUntilCheckedAgain() {
        engine.check = null;
        engine.disks = null;

        WelcomeViewModel vm = entered(4 * ByteSize.GIB, Firmware.BIOS);

        assertEquals(Status.FAILED, row(vm, "tools").status());
        assertEquals("The installer engine could not list the disks: fake failure", row(vm, "disks").text());
        assertFalse(vm.complete().get());

        engine.check = Fixtures.check();
        engine.disks = Fixtures.loops();
        vm.recheck();
        assertTrue(vm.complete().get());
        assertEquals(4, engine.calls.stream().filter(c -> c.equals("check") || c.equals("disks")).count());
    }

    @Test
    void unreadableMemoryIsANoteNotAFailure() {
        WelcomeViewModel vm = new WelcomeViewModel(context, () -> new HostFacts(OptionalLong.empty(), Firmware.BIOS));
        vm.onEnter();

        assertEquals(Status.NOTE, row(vm, "memory").status());
        assertTrue(vm.complete().get());
    }
}
