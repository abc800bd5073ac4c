package dev.cos.installer.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The live ISO booted under QEMU the way the project's machines can run it (TCG, 1 vCPU: with two
 * the JVM crashed at start-up; OVMF; 2 GiB), with an empty sparse target disk as the second,
 * virtio disk ({@code vda} inside), a USB tablet for absolute clicks, the serial console in a file
 * and QMP on a unix socket. Drives it with real input: {@link #sendKey} (the monitor's
 * {@code sendkey}) and {@link #click} (QMP {@code input-send-event}, absolute coordinates).
 * {@link #close} kills QEMU by its own PID.
 */
final class LiveVm implements AutoCloseable {

    private static final Path OVMF_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path OVMF_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Software emulation with a translation cache of 256 MiB instead of QEMU 7.2's 1 GiB. With 1 GiB the
     * cache never flushes during a boot, so the code of everything the initramfs ran stays translated; when
     * the kernel hands those freed pages to systemd right after the switch to the live root, every write to
     * them invalidates stale translations one by one: 30-50 s in which PID 1 fills a page a second ("info
     * jit": 700 000 invalidations, no new code). Measured on the live ISO, QEMU start to the welcome page on
     * an idle host: 1024 MiB 165-178 s, 512 MiB 144 s, 256 MiB 90-105 s, 192 MiB 102 s, 128 MiB 122-141 s
     * (flushes too often: everything is translated again and again).
     */
    private static final String TCG = "tcg,tb-size=256";

    private final Process qemu;
    private final Path dir;
    private final Path serial;
    private final SocketChannel qmp;
    private final BufferedReader qmpIn;
    private final long startNanos = System.nanoTime();
    private int screenshots;

    private LiveVm(Process qemu, Path dir, Path serial, SocketChannel qmp) {
        this.qemu = qemu;
        this.dir = dir;
        this.serial = serial;
        this.qmp = qmp;
        this.qmpIn = new BufferedReader(new InputStreamReader(Channels.newInputStream(qmp), StandardCharsets.UTF_8));
    }

    /**
     * Boots {@code iso} with a new empty sparse target disk of {@code targetGiB} GiB ({@link #targetDisk});
     * {@code dir} receives the disk, the firmware variables, the serial log (serial.log), QEMU's output
     * and the screenshots.
     */
    static LiveVm boot(Path iso, Path dir, int targetGiB) throws IOException {
        return boot(iso, dir, targetGiB, Firmware.UEFI);
    }

    /** The machine's firmware: OVMF (UEFI) or QEMU's default SeaBIOS (BIOS). */
    enum Firmware { UEFI, BIOS }

    /** As {@link #boot(Path, Path, int)}, with the given firmware. */
    static LiveVm boot(Path iso, Path dir, int targetGiB, Firmware firmware) throws IOException {
        Files.createDirectories(dir);
        Path target = targetDisk(dir);
        Files.deleteIfExists(target);
        try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            file.setLength((long) targetGiB << 30);
        }
        // The ISO as a USB stick (it is a hybrid image), as most people boot it: the live system sees
        // it as sda, a disk the installer lists and must refuse.
        return start(dir, firmware, List.of("-drive", "if=none,id=stick,format=raw,readonly=on,file=" + iso,
                "-device", "usb-storage,drive=stick,bus=xhci.0,bootindex=0",
                "-drive", "file=" + target + ",format=raw,if=virtio"));
    }

    /** Boots {@code disk} alone (no ISO) with {@code firmware}, e.g. the disk the live system installed onto. */
    static LiveVm bootDisk(Path disk, Path dir, Firmware firmware) throws IOException {
        Files.createDirectories(dir);
        return start(dir, firmware, List.of("-drive", "file=" + disk + ",format=raw,if=virtio"));
    }

    /** The target disk {@link #boot} makes in {@code dir}. */
    static Path targetDisk(Path dir) {
        return dir.resolve("target.img");
    }

    private static LiveVm start(Path dir, Firmware firmware, List<String> drives) throws IOException {
        Path serial = dir.resolve("serial.log");
        Files.deleteIfExists(serial);
        Path socket = dir.resolve("qmp.sock");
        Files.deleteIfExists(socket);
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "q35", "-accel", TCG, "-smp", "1", "-m", "2048"));
        if (firmware == Firmware.UEFI) {
            Path vars = dir.resolve("OVMF_VARS.fd");
            Files.copy(OVMF_VARS, vars, StandardCopyOption.REPLACE_EXISTING);
            argv.addAll(List.of("-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,file=" + vars));
        }
        argv.addAll(List.of("-device", "qemu-xhci,id=xhci", "-device", "usb-tablet"));
        argv.addAll(drives);
        argv.addAll(List.of(
                "-nic", "none", "-display", "none", "-vga", "std",
                "-serial", "file:" + serial,
                "-qmp", "unix:" + socket + ",server=on,wait=off"));
        Process qemu = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("qemu-output.txt").toFile()).start();
        try {
            SocketChannel channel = connect(socket, qemu);
            LiveVm vm = new LiveVm(qemu, dir, serial, channel);
            vm.handshake();
            return vm;
        } catch (IOException | RuntimeException e) {
            qemu.destroyForcibly();
            throw e;
        }
    }

    /** Seconds since QEMU started. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String serialLog() throws IOException {
        return Files.exists(serial) ? Files.readString(serial, StandardCharsets.ISO_8859_1) : "";
    }

    boolean isRunning() {
        return qemu.isAlive();
    }

    /** Takes a screenshot (QMP screendump) and returns it; keeps the PPM as screen-N.ppm in the run's directory. */
    Screen screenshot() throws IOException {
        Path file = dir.resolve("screen-" + (screenshots++ % 2) + ".ppm");
        Files.deleteIfExists(file);
        ObjectNode args = JSON.createObjectNode().put("filename", file.toString());
        execute("screendump", args);
        return Screen.readPpm(file);
    }

    /**
     * Waits until the screen stops changing (two screenshots {@code interval} apart show the same
     * picture, see {@link Screen#sameAs}) and returns it; empty at the timeout.
     */
    java.util.Optional<Screen> waitForStillScreen(Duration interval, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Screen previous = screenshot();
        while (System.nanoTime() < deadline) {
            sleep(interval);
            Screen screen = screenshot();
            if (screen.sameAs(previous)) {
                return java.util.Optional.of(screen);
            }
            previous = screen;
        }
        return java.util.Optional.empty();
    }

    /** Types plain text (letters, digits, '-', '.', '/', ' ') key by key with {@code sendkey}. */
    void type(String text) throws IOException {
        for (char c : text.toCharArray()) {
            String key = switch (c) {
                case ' ' -> "spc";
                case '-' -> "minus";
                case '.' -> "dot";
                case '/' -> "slash";
                default -> {
                    if (Character.isLetterOrDigit(c) && c < 128) {
                        yield Character.isUpperCase(c) ? "shift-" + Character.toLowerCase(c) : String.valueOf(c);
                    }
                    throw new IllegalArgumentException("no sendkey name for '" + c + "'");
                }
            };
            sendKey(key);
        }
    }

    /** Presses keys as the monitor's {@code sendkey} does, e.g. {@code "tab"}, {@code "alt-n"}, {@code "ret"}. */
    void sendKey(String keys) throws IOException {
        ObjectNode args = JSON.createObjectNode().put("command-line", "sendkey " + keys);
        JsonNode reply = execute("human-monitor-command", args);
        String text = reply.path("return").asText("");
        if (!text.isBlank()) {
            throw new IOException("sendkey " + keys + ": " + text.strip());
        }
    }

    /** A left click at pixel (x, y) of a screen of this size (the tablet's range 0-32767 spans the screen). */
    void click(int x, int y, Screen screen) throws IOException {
        move(x, y, screen);
        button(true);
        button(false);
    }

    private void move(int x, int y, Screen screen) throws IOException {
        ArrayNode events = JSON.createArrayNode();
        events.add(abs("x", Math.round(x * 32767f / Math.max(1, screen.width() - 1))));
        events.add(abs("y", Math.round(y * 32767f / Math.max(1, screen.height() - 1))));
        execute("input-send-event", JSON.createObjectNode().set("events", events));
    }

    private void button(boolean down) throws IOException {
        ObjectNode event = JSON.createObjectNode().put("type", "btn");
        event.set("data", JSON.createObjectNode().put("down", down).put("button", "left"));
        execute("input-send-event", JSON.createObjectNode().set("events", JSON.createArrayNode().add(event)));
    }

    private static ObjectNode abs(String axis, int value) {
        ObjectNode event = JSON.createObjectNode().put("type", "abs");
        event.set("data", JSON.createObjectNode().put("axis", axis).put("value", value));
        return event;
    }

    /** Sends one QMP command and returns its reply (events that arrive meanwhile are skipped). */
    synchronized JsonNode execute(String command, ObjectNode arguments) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        qmp.write(ByteBuffer.wrap((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
        while (true) {
            String line = qmpIn.readLine();
            if (line == null) {
                throw new IOException("QMP closed while waiting for " + command);
            }
            JsonNode reply = JSON.readTree(line);
            if (reply.has("error")) {
                throw new IOException("QMP " + command + ": " + reply.get("error"));
            }
            if (reply.has("return")) {
                return reply;
            }
        }
    }

    private void handshake() throws IOException {
        String greeting = qmpIn.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            throw new IOException("no QMP greeting: " + greeting);
        }
        execute("qmp_capabilities", null);
    }

    private static SocketChannel connect(Path socket, Process qemu) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline && qemu.isAlive()) {
            if (Files.exists(socket)) {
                try {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    return channel;
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IOException("QEMU's QMP socket " + socket + " did not open" + (qemu.isAlive() ? "" : " (QEMU exited)"), last);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills QEMU (its own process, by PID) and waits for it. */
    @Override
    public void close() {
        try {
            qmp.close();
        } catch (IOException e) {
            // QEMU goes away below anyway
        }
        qemu.destroyForcibly();
        try {
            qemu.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the serial log ends now: {@link #awaitSerial} looks only at what comes after it. */
    long serialMark() throws IOException {
        return serialLog().length();
    }

    /**
     * Waits until the serial log, after {@code mark}, has a line containing {@code text}, and returns
     * that line; empty at the timeout or when QEMU exits.
     */
    java.util.Optional<String> awaitSerial(long mark, String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = serialLog();
            int at = log.indexOf(text, (int) Math.min(mark, log.length()));
            if (at >= 0) {
                int start = log.lastIndexOf('\n', at) + 1;
                int end = log.indexOf('\n', at);
                return java.util.Optional.of(log.substring(start, end < 0 ? log.length() : end).strip());
            }
            if (System.nanoTime() > deadline || !qemu.isAlive()) {
                return java.util.Optional.empty();
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /** Waits for QEMU to end by itself (the guest powered off); false at the timeout. */
    boolean awaitExit(Duration timeout) {
        try {
            return qemu.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The serial log's lines that contain {@code text}, for assertion messages. */
    List<String> serialLinesWith(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : serialLog().split("\r?\n")) {
            if (line.contains(text)) {
                lines.add(line);
            }
        }
        return lines;
    }

    Path directory() {
        return dir;
    }
}
