package dev.cos.installer.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The live ISO (live-iso/build-live-iso.sh) boots under QEMU (TCG, 1 vCPU, OVMF, 2 GiB, an empty
 * 8 GiB target disk) into the installer wizard: the wizard's unit starts, and the screen then shows
 * a GUI (many colours, unlike a text console or the firmware) that stays still. Evidence under
 * target/live-iso/: wizard.png, and boot/serial.log (the serial console: kernel, systemd, the GUI's output).
 */
class LiveIsoBootIT {

    private static final long MAX_ISO_BYTES = 500L << 20;
    /**
     * Generous: 1 vCPU of software emulation, and the build machine may be busy with other work (seen
     * here: 271-320 s at a load average of 5-10; the target on an idle host is 150 s, printed by the test).
     */
    private static final Duration WIZARD_TIMEOUT = Duration.ofSeconds(900);
    /** A text console or the firmware's screens show a handful of colours; the wizard's anti-aliased text many. */
    private static final int GUI_MIN_COLOURS = 40;
    /**
     * The window's first frames are blank (one colour but for the mouse pointer, which alone brings
     * dozens of colours): at most this share of the screen may have one colour.
     */
    private static final double GUI_MAX_DOMINANT_SHARE = 0.95;

    @Test
    void bootsIntoTheWizard() throws IOException {
        Path iso = Packages.iso();
        long isoBytes = Files.size(iso);
        System.out.printf("live ISO: %d MiB%n", isoBytes >> 20);
        assertTrue(isoBytes <= MAX_ISO_BYTES, "the ISO is " + (isoBytes >> 20) + " MiB, the target is at most 500 MiB");
        Path run = Packages.TARGET.resolve("live-iso/boot");
        try (LiveVm vm = LiveVm.boot(iso, run, 8)) {
            Optional<Screen> wizard = waitForWizard(vm);
            if (wizard.isEmpty()) {
                vm.screenshot().savePng(Packages.TARGET.resolve("live-iso/no-wizard.png"));
                fail("no wizard on screen after " + WIZARD_TIMEOUT.toSeconds() + " s (screenshot target/live-iso/no-wizard.png);"
                        + " GUI unit lines on the serial console: " + vm.serialLinesWith("cos-installer-gui") + "\nserial log: " + run.resolve("serial.log"));
            }
            double seconds = vm.elapsedSeconds();
            wizard.get().savePng(Packages.TARGET.resolve("live-iso/wizard.png"));
            System.out.printf("live ISO: wizard visible %.0f s after QEMU started (%dx%d, %d colours, %.0f %% of one colour);"
                    + " screenshot target/live-iso/wizard.png%n", seconds, wizard.get().width(), wizard.get().height(),
                    wizard.get().colourCount(), 100 * wizard.get().dominantShare());
        }
    }

    /** Screenshots every 3 s once the wizard's unit has started, until two in a row show the same GUI. */
    private static Optional<Screen> waitForWizard(LiveVm vm) throws IOException {
        Screen previous = null;
        while (vm.elapsedSeconds() < WIZARD_TIMEOUT.toSeconds()) {
            if (!vm.isRunning()) {
                fail("QEMU exited during the boot; serial log " + vm.directory().resolve("serial.log"));
            }
            LiveVm.sleep(Duration.ofSeconds(3));
            // systemd's "[  OK  ] Started cos-installer-gui.service - cOS installer wizard (kiosk)." (the unit
            // name may be shortened and coloured on the console; its description is not).
            if (vm.serialLinesWith("cOS installer wizard (kiosk).").stream().noneMatch(line -> line.contains("Started"))) {
                continue;
            }
            Screen screen = vm.screenshot();
            if (screen.colourCount() < GUI_MIN_COLOURS || screen.dominantShare() > GUI_MAX_DOMINANT_SHARE) {
                previous = null;
                continue;
            }
            if (previous != null && previous.sameAs(screen)) {
                return Optional.of(screen);
            }
            previous = screen;
        }
        return Optional.empty();
    }
}
