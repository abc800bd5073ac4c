package dev.cos.installer.app.system;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reboots or powers off the machine at the end of an install (systemd's systemctl, no shell). */
public interface SystemPower {

    void reboot() throws IOException;

    void powerOff() throws IOException;

    /** systemctl, which asks logind (and polkit) for the right to do it. */
    static SystemPower systemctl() {
        return new SystemPower() {
            private final Logger log = LoggerFactory.getLogger(SystemPower.class);

            @Override
            public void reboot() throws IOException {
                run("reboot");
            }

            @Override
            public void powerOff() throws IOException {
                run("poweroff");
            }

            private void run(String verb) throws IOException {
                List<String> argv = List.of("systemctl", verb);
                log.info("running {}", argv);
                try {
                    int exit = new ProcessBuilder(argv).redirectErrorStream(true).start().waitFor();
                    if (exit != 0) {
                        throw new IOException("systemctl " + verb + " failed with exit code " + exit);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        };
    }
}
