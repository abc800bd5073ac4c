package dev.cos.installer.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The product's first use, end to end: the live ISO (live-iso/build-live-iso.sh) boots under QEMU (TCG,
 * 1 vCPU, OVMF, 2 GiB) with an empty 8 GiB target disk into the installer wizard; a person's keys
 * (QEMU's sendkey) go through it: Next on the welcome page, Space on the first usable disk (the target;
 * the live medium, a USB stick, is listed as not installable), the default partitions and the bundled image, the
 * acknowledgement (Alt+U, Space) and Install, then Power off on the done page. The target disk then boots alone
 * into the active system, whose version is the bundled image's (its tag in the ISO's OCI layout, read with
 * xorriso and unsquashfs; state.yaml records that layout, by digest, as the source), and its partition table
 * passes sgdisk -v. The same again on a BIOS machine (SeaBIOS): the
 * wizard installs for BIOS, Reboot on the done page restarts the machine, and the disk boots through
 * SeaBIOS.
 *
 * <p>What the wizard does is read from its log on the serial console (the live system's GUI unit sends
 * it there): "wizard: page X, Next enabled", "wizard: disks [...]", "wizard: install succeeded". Evidence
 * under target/live-iso/: a screenshot of every step (install/NN-step.png, bios/NN-step.png), the serial
 * logs of every boot (install/, target-boot/, bios/, bios-target-boot/serial.log).
 */
class LiveIsoInstallIT {

    private static final long MAX_ISO_BYTES = 500L << 20;
    /**
     * Generous: 1 vCPU of software emulation on a build machine that may be busy with other work
     * (seen: 270-400 s at a load average of 5-10; the target on an idle host is 150 s, printed by the test).
     */
    private static final Duration WIZARD_TIMEOUT = Duration.ofSeconds(900);
    /** One engine call in the emulated live system (a JVM start through pkexec, then the work). */
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(30);
    /** A text console or the firmware's screens show a handful of colours; the wizard's anti-aliased text many. */
    private static final int GUI_MIN_COLOURS = 40;
    /** The window's first frames are blank: at most this share of the screen may have one colour. */
    private static final double GUI_MAX_DOMINANT_SHARE = 0.95;
    private static final Pattern BOOTED = Pattern.compile("COS-BOOTED slot=(\\S+) version=(\\S+)");
    /** Where the live ISO carries the demo image: an OCI image layout, tagged with its version. */
    private static final String BUNDLED_LAYOUT = "/usr/lib/cos-installer/demo-image/prebuilt-oci";

    @Test
    void aPersonInstallsFromTheLiveIsoAndTheDiskBootsTheBundledImage() throws IOException {
        Path iso = Packages.iso();
        long isoBytes = Files.size(iso);
        System.out.printf("live ISO: %d MiB%n", isoBytes >> 20);
        assertTrue(isoBytes <= MAX_ISO_BYTES, "the ISO is " + (isoBytes >> 20) + " MiB, the target is at most 500 MiB");

        Path run = Packages.TARGET.resolve("live-iso/install");
        try (LiveVm vm = LiveVm.boot(iso, run, 8)) {
            installThroughTheWizard(vm, run, "efi", "live ISO");
            // Power off from the wizard: the live system shuts down and QEMU ends.
            vm.sendKey("alt-p");
            assertTrue(vm.awaitExit(Duration.ofMinutes(5)), "the live system did not power off after Power off (Alt+P); serial log "
                    + run.resolve("serial.log"));
            assertTrue(vm.serialLog().contains("reboot: Power down"), "the kernel powered the machine down");
        }
        assertInstalledDiskBoots(LiveVm.targetDisk(run), LiveVm.Firmware.UEFI, bundledImageVersion(iso), "live-iso/target-boot");
    }

    /**
     * The ISO is hybrid: a BIOS machine (QEMU's SeaBIOS) boots the same USB stick into the same wizard,
     * which chooses BIOS for the target by itself; Reboot at the end restarts the machine, and the
     * disk boots through SeaBIOS alone. Evidence: target/live-iso/bios/ and bios-target-boot/.
     */
    @Test
    void onABiosMachineAPersonInstallsRebootsAndTheDiskBoots() throws IOException {
        Path iso = Packages.iso();
        Path run = Packages.TARGET.resolve("live-iso/bios");
        try (LiveVm vm = LiveVm.boot(iso, run, 8, LiveVm.Firmware.BIOS)) {
            installThroughTheWizard(vm, run, "bios", "live ISO (BIOS)");
            // Reboot from the wizard: the kernel restarts the machine (QEMU resets it and SeaBIOS starts
            // again from the stick, which the test does not wait for).
            long beforeReboot = vm.serialMark();
            vm.sendKey("alt-r");
            assertTrue(vm.awaitSerial(beforeReboot, "reboot: Restarting system", Duration.ofMinutes(5)).isPresent(),
                    "the live system did not restart after Reboot (Alt+R); serial log " + run.resolve("serial.log"));
        }
        assertInstalledDiskBoots(LiveVm.targetDisk(run), LiveVm.Firmware.BIOS, bundledImageVersion(iso), "live-iso/bios-target-boot");
    }

    /**
     * Waits for the wizard on {@code vm}'s screen, then installs onto the empty virtio disk (vda) with
     * keys only, keeping every default, and waits for the done page. Screenshots NN-step.png in
     * {@code run}; prints when the wizard was visible.
     */
    private static Wizard installThroughTheWizard(LiveVm vm, Path run, String expectedFirmware, String label) throws IOException {
        Wizard wizard = new Wizard(vm);
        Screen welcome = waitForWizard(vm);
        welcome.savePng(run.resolve("01-wizard-visible.png"));
        System.out.printf("%s: wizard visible %.0f s after QEMU started (%dx%d, %d colours)%n",
                label, vm.elapsedSeconds(), welcome.width(), welcome.height(), welcome.colourCount());
        assertTrue(vm.serialLog().contains("Linux version"), "the serial log shows the live kernel's boot");

        wizard.awaitNext("WELCOME", "the requirement checks");
        wizard.step("02-welcome-checked", "alt-n", "page DISK");

        String disks = wizard.await("wizard: disks ", ENGINE_TIMEOUT, "the disk list");
        assertTrue(disks.contains("vda") && !disks.contains("vda (not installable)"), "the target disk is installable: " + disks);
        assertTrue(disks.contains("sda (not installable)"), "the live medium (the USB stick sda) is listed as not installable: " + disks);
        wizard.step("03-disks-listed", "spc", "target /dev/vda");
        wizard.awaitNext("DISK", "the choice of /dev/vda");
        wizard.step("04-disk-chosen", "alt-n", "page PARTITIONS");

        wizard.awaitNext("PARTITIONS", "the partition plan");
        wizard.step("05-partitions", "alt-n", "page IMAGE");

        wizard.awaitNext("IMAGE", "the bundled image's inspection");
        wizard.step("06-image", "alt-n", "page SUMMARY");

        // The summary: the acknowledgement can be ticked once the engine's plan is shown (Alt+U goes
        // to it, Space ticks it), and Install stays disabled until it is. The firmware is the one the
        // live system booted with (the partitions page's default).
        String plan = wizard.await("wizard: plan ready", ENGINE_TIMEOUT, "the engine's plan");
        assertTrue(plan.contains("(firmware " + expectedFirmware + ")"), "the plan is for " + expectedFirmware + ": " + plan);
        vm.sendKey("alt-u");
        wizard.step("07-summary", "spc", "page SUMMARY, Next enabled");
        wizard.step("08-acknowledged", "alt-i", "page PROGRESS");

        String outcome = wizard.await("wizard: install ", INSTALL_TIMEOUT, "the end of the install");
        wizard.shot("09-done");
        assertTrue(outcome.contains("wizard: install succeeded"), "the install failed: " + outcome + "\nserial log: " + run.resolve("serial.log"));
        return wizard;
    }

    /** Checks {@code disk} with sgdisk -v, then boots it alone: it must come up active with {@code version}. */
    private static void assertInstalledDiskBoots(Path disk, LiveVm.Firmware firmware, String version, String evidence) throws IOException {
        Run.Result verify = Run.run(Duration.ofMinutes(1), List.of("sgdisk", "-v", disk.toString()));
        assertTrue(verify.stdout().contains("No problems found"), () -> "sgdisk -v of the installed disk: " + verify);
        String state = stateYaml(disk);
        assertTrue(Pattern.compile("source: \"?oci-dir:" + BUNDLED_LAYOUT + "@sha256:[0-9a-f]{64}").matcher(state).find(),
                () -> "the active image was pulled from the bundled OCI layout, by digest:\n" + state);
        assertTrue(state.contains("tag: \"" + version + "\"") || state.contains("tag: " + version),
                () -> "state.yaml records the tag " + version + ":\n" + state);

        Path bootRun = Packages.TARGET.resolve(evidence);
        try (LiveVm vm = LiveVm.bootDisk(disk, bootRun, firmware)) {
            Optional<String> booted = vm.awaitSerial(0, "COS-BOOTED ", Duration.ofMinutes(10));
            assertTrue(booted.isPresent(), "the installed disk did not boot (" + firmware + "); serial log " + bootRun.resolve("serial.log"));
            Matcher m = BOOTED.matcher(booted.get());
            assertTrue(m.find(), booted.get());
            assertEquals("active", m.group(1), "the installed disk boots its active system: " + booted.get());
            assertEquals(version, m.group(2), "the active system is the bundled image: " + booted.get());
            System.out.printf("live ISO: the installed disk booted (%s): %s%n", firmware, booted.get());
        }
    }

    /** COS_STATE's state.yaml of an installed disk image, read with debugfs at the partition's offset (sfdisk -d). */
    private static String stateYaml(Path disk) {
        Run.Result table = Run.run(Duration.ofMinutes(1), List.of("sfdisk", "-d", disk.toString()));
        assertEquals(0, table.exit(), table::toString);
        Matcher start = Pattern.compile("start=\\s*(\\d+).*name=\"state\"").matcher(table.stdout());
        assertTrue(start.find(), () -> "no partition named state:\n" + table.stdout());
        long offset = Long.parseLong(start.group(1)) * 512;
        Run.Result cat = Run.run(Duration.ofMinutes(1), List.of("debugfs", "-R", "cat /state.yaml", disk + "?offset=" + offset));
        assertEquals(0, cat.exit(), cat::toString);
        return cat.stdout();
    }

    /** The tag (the version) of the demo image in the ISO's app layer's OCI layout (xorriso, then unsquashfs -cat). */
    private static String bundledImageVersion(Path iso) throws IOException {
        Path dir = Packages.TARGET.resolve("live-iso/bundled");
        Files.createDirectories(dir);
        Path layer = dir.resolve("10-app.squashfs");
        Files.deleteIfExists(layer);
        Run.Result extract = Run.run(Duration.ofMinutes(2), List.of("xorriso", "-osirrox", "on", "-indev", iso.toString(),
                "-extract", "/live/10-app.squashfs", layer.toString()));
        assertEquals(0, extract.exit(), extract::toString);
        Run.Result index = Run.run(Duration.ofMinutes(1), List.of("unsquashfs", "-cat", layer.toString(),
                BUNDLED_LAYOUT.substring(1) + "/index.json"));
        assertEquals(0, index.exit(), index::toString);
        Matcher m = Pattern.compile("\"org.opencontainers.image.ref.name\":\"([^\"]+)\"").matcher(index.stdout());
        assertTrue(m.find(), () -> "no tagged image in the bundled OCI layout's index.json:\n" + index.stdout());
        Files.delete(layer);
        return m.group(1);
    }

    /**
     * Screenshots every 3 s once the wizard has logged its first page, until two in a row show the same GUI
     * (a spinner or the pointer may differ: {@link Screen#sameAs}).
     */
    private static Screen waitForWizard(LiveVm vm) throws IOException {
        Screen previous = null;
        while (vm.elapsedSeconds() < WIZARD_TIMEOUT.toSeconds()) {
            if (!vm.isRunning()) {
                fail("QEMU exited during the boot; serial log " + vm.directory().resolve("serial.log"));
            }
            LiveVm.sleep(Duration.ofSeconds(3));
            // The wizard's own log line once its window is shown (systemd's "Started" line for the unit
            // is not a sign: systemd stops writing status lines to a console a service writes to).
            if (vm.serialLinesWith("wizard: page WELCOME").isEmpty()) {
                continue;
            }
            Screen screen = vm.screenshot();
            if (screen.colourCount() < GUI_MIN_COLOURS || screen.dominantShare() > GUI_MAX_DOMINANT_SHARE) {
                previous = null;
                continue;
            }
            if (previous != null && previous.sameAs(screen)) {
                return screen;
            }
            previous = screen;
        }
        vm.screenshot().savePng(vm.directory().resolve("no-wizard.png"));
        fail("no wizard on screen after " + WIZARD_TIMEOUT.toSeconds() + " s (screenshot no-wizard.png);"
                + " GUI unit lines on the serial console: " + vm.serialLinesWith("cos-installer-gui") + "\nserial log: "
                + vm.directory().resolve("serial.log"));
        throw new AssertionError("unreachable");
    }

    /** The wizard in the VM, driven by keys and followed through its log lines on the serial console. */
    private static final class Wizard {
        /** How long a step's screenshot waits for the screen to show what the log already says. */
        private static final Duration REDRAW = Duration.ofSeconds(20);
        private final LiveVm vm;
        private long mark;
        private Screen lastShot;

        Wizard(LiveVm vm) {
            this.vm = vm;
        }

        /** Waits for "wizard: page PAGE, Next enabled" after the last step. */
        void awaitNext(String page, String what) throws IOException {
            await("wizard: page " + page + ", Next enabled", ENGINE_TIMEOUT, what);
        }

        /** Waits for a log line containing {@code text} after the last step, and returns it. */
        String await(String text, Duration timeout, String what) throws IOException {
            Optional<String> line = vm.awaitSerial(mark, text, timeout);
            if (line.isEmpty()) {
                shot("failed-waiting");
                fail("waited " + timeout.toSeconds() + " s for " + what + " (\"" + text + "\"); the wizard's last lines: "
                        + lastWizardLines() + "\nscreenshot failed-waiting.png, serial log " + vm.directory().resolve("serial.log"));
            }
            return line.get();
        }

        /** Keeps a screenshot of the step, presses {@code keys} and waits for the wizard to log {@code expected}. */
        void step(String name, String keys, String expected) throws IOException {
            shot(name);
            mark = vm.serialMark();
            vm.sendKey(keys);
            await("wizard: " + expected, ENGINE_TIMEOUT, "\"" + keys + "\" to take effect");
        }

        /**
         * Keeps a screenshot of the step as NAME.png once the screen shows it: the log runs ahead of the
         * emulated software rendering by seconds, so this waits (at most {@link #REDRAW}) until the screen
         * differs from the last step's and two screenshots a second apart agree.
         */
        void shot(String name) throws IOException {
            long deadline = System.nanoTime() + REDRAW.toNanos();
            Screen previous = null;
            Screen screen = vm.screenshot();
            while (System.nanoTime() < deadline) {
                boolean changed = lastShot == null || lastShot.differingPixels(screen) > 0;
                if (changed && previous != null && previous.sameAs(screen)) {
                    break;
                }
                LiveVm.sleep(Duration.ofSeconds(1));
                previous = screen;
                screen = vm.screenshot();
            }
            screen.savePng(vm.directory().resolve(name + ".png"));
            lastShot = screen;
        }

        private List<String> lastWizardLines() throws IOException {
            List<String> lines = vm.serialLinesWith("wizard: ");
            return lines.subList(Math.max(0, lines.size() - 6), lines.size());
        }
    }
}
