package dev.cos.installer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Boots a disk image under QEMU (q35, TCG: KVM does not work on the build machines) with the serial
 * console captured, for tests. Usage:
 * <pre>{@code
 * Qemu.Result r = Qemu.Boot.disk(image).uefi().timeout(Duration.ofSeconds(90)).noReboot(true)
 *         .kernel(vmlinuz, initrd, "root=LABEL=COS_STATE ... console=ttyS0").run("active");
 * assertEquals(List.of("COS-BOOTED slot=active version=1.0"), Qemu.bootedLines(r.serial()));
 * }</pre>
 * Every run keeps its serial log as {@code target/qemu-logs/<name>-<n>.log} (n counts runs of that
 * name in this JVM) and QEMU's own output beside it as {@code <name>-<n>.qemu.txt}. The QEMU process
 * is killed by its PID when the run ends, whatever happens.
 */
public final class Qemu {

    /** Where the logs go: the module's target directory (tests run with the module as working dir). */
    public static final Path LOG_DIR = Path.of("target", "qemu-logs").toAbsolutePath();
    private static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    private Qemu() {
    }

    /**
     * How a run ended.
     *
     * @param serial everything the guest wrote to its serial port
     * @param exit QEMU's exit status (0 after a guest power-off; 1 after a guest panic with
     *     {@code noReboot(true)}); -1 when it was killed at the timeout
     * @param timedOut whether the timeout ended the run
     * @param log the serial log file kept for this run
     * @param qemuOutput what QEMU itself printed (errors about its arguments)
     */
    public record Result(String serial, int exit, boolean timedOut, Path log, String qemuOutput) {
        /** A summary for assertion messages: the status and the end of the serial log. */
        @Override
        public String toString() {
            String tail = serial.length() > 6000 ? serial.substring(serial.length() - 6000) : serial;
            return "QEMU exit " + exit + (timedOut ? " (timed out)" : "") + ", log " + log + "\n" + qemuOutput
                    + "--- serial (end)\n" + tail;
        }
    }

    /** The {@code COS-BOOTED ...} lines of a serial log, without line ends, in order. */
    public static List<String> bootedLines(String serial) {
        return linesStartingWith(serial, "COS-BOOTED ");
    }

    /** The lines of a serial log that start with this prefix, without line ends, in order. */
    public static List<String> linesStartingWith(String serial, String prefix) {
        return serial.lines().map(line -> line.replace("\r", "")).filter(line -> line.startsWith(prefix)).toList();
    }

    /** One boot to set up and run; every setter returns this builder. */
    public static final class Boot {
        private final Path disk;
        private boolean uefi;
        private boolean noReboot = true;
        private boolean virtio;
        private Duration timeout = Duration.ofSeconds(120);
        private int memoryMiB = 1024;
        private Optional<DirectKernel> kernel = Optional.empty();
        private final List<String> extraArgs = new ArrayList<>();

        private record DirectKernel(Path kernel, Path initrd, String append) {
        }

        private Boot(Path disk) {
            this.disk = disk;
        }

        /** Boots this raw disk image (attached to q35's AHCI controller unless {@link #virtio()}). */
        public static Boot disk(Path image) {
            return new Boot(image);
        }

        /** UEFI firmware: OVMF_CODE_4M read-only and a fresh copy of OVMF_VARS_4M for this run. */
        public Boot uefi() {
            this.uefi = true;
            return this;
        }

        /** BIOS firmware (SeaBIOS, QEMU's default); the default here. */
        public Boot bios() {
            this.uefi = false;
            return this;
        }

        /**
         * true (default): a guest reboot ends QEMU ({@code -no-reboot}) and a guest kernel panic makes
         * QEMU exit with status 1 at once (pvpanic, {@code -action panic=exit-failure}; the guest must
         * load pvpanic-pci). false: the guest reboots, also after a panic (with {@code panic=N}), in the
         * same run, e.g. to follow a fallback chain.
         */
        public Boot noReboot(boolean noReboot) {
            this.noReboot = noReboot;
            return this;
        }

        /** The disk as a virtio-blk device instead of AHCI. */
        public Boot virtio() {
            this.virtio = true;
            return this;
        }

        /** QEMU is killed after this long (default 120 s); the result then says timedOut. */
        public Boot timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Boot memoryMiB(int memoryMiB) {
            this.memoryMiB = memoryMiB;
            return this;
        }

        /** Direct kernel boot: firmware and bootloader are skipped. */
        public Boot kernel(Path kernel, Path initrd, String append) {
            this.kernel = Optional.of(new DirectKernel(kernel, initrd, append));
            return this;
        }

        /** More QEMU arguments, appended as given. */
        public Boot extraArgs(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Runs QEMU until it exits or the timeout, and returns the serial log. {@code name} names the
         * log files (letters, digits, '-', '_', '.').
         */
        public Result run(String name) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("bad run name: " + name);
            }
            int n = RUNS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            try {
                Files.createDirectories(LOG_DIR);
                Path log = LOG_DIR.resolve(name + "-" + n + ".log");
                Path qemuOut = LOG_DIR.resolve(name + "-" + n + ".qemu.txt");
                Path vars = LOG_DIR.resolve(name + "-" + n + ".OVMF_VARS.fd");
                Files.deleteIfExists(log);
                List<String> argv = argv(log, vars);
                Files.writeString(qemuOut, String.join(" ", argv) + "\n");
                return execute(argv, log, qemuOut, vars);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<String> argv(Path log, Path vars) throws IOException {
            // A 256 MiB translation cache instead of QEMU 7.2's 1 GiB: stale translations of freed pages are
            // invalidated one write at a time when nothing ever flushes them (packaging/README.md: the live
            // ISO's systemd waited 30-50 s on them). An installed disk's boot: 24 s -> 18 s here.
            List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "q35", "-accel", "tcg,tb-size=256",
                    "-m", Integer.toString(memoryMiB), "-display", "none", "-serial", "file:" + log,
                    "-monitor", "none", "-nic", "none", "-device", "pvpanic-pci"));
            if (noReboot) {
                argv.addAll(List.of("-no-reboot", "-action", "panic=exit-failure"));
            } else {
                argv.addAll(List.of("-action", "panic=none"));  // the guest's panic=N reboots it
            }
            if (uefi) {
                Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
                argv.addAll(List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + OVMF_CODE,
                        "-drive", "if=pflash,format=raw,unit=1,file=" + vars));
            }
            argv.addAll(List.of("-drive", "file=" + disk.toAbsolutePath() + ",format=raw" + (virtio ? ",if=virtio" : "")));
            kernel.ifPresent(k -> argv.addAll(List.of("-kernel", k.kernel().toString(), "-initrd", k.initrd().toString(),
                    "-append", k.append())));
            argv.addAll(extraArgs);
            return argv;
        }

        private Result execute(List<String> argv, Path log, Path qemuOut, Path vars) throws IOException {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(qemuOut.toFile())).start();
            boolean timedOut = false;
            int exit;
            try {
                timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                exit = timedOut ? -1 : process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while QEMU ran", e);
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();  // by PID: only our own QEMU
                    try {
                        process.waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Files.deleteIfExists(vars);
            }
            String serial = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            return new Result(serial, exit, timedOut, log, Files.readString(qemuOut, StandardCharsets.ISO_8859_1));
        }
    }
}
