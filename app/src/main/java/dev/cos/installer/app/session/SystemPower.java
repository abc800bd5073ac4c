package dev.cos.installer.app.session;

import java.io.IOException;
import java.util.List;

/** Reboots or powers off the machine at the end of an install or repair (systemd's systemctl, no shell). */
public interface SystemPower {

    void reboot() throws IOException;

    void powerOff() throws IOException;

    /** systemctl, which asks logind (and polkit) for the right to do it: as the person, in their session. */
    static SystemPower systemctl() {
        return systemctl(SessionCommands.processes());
    }

    static SystemPower systemctl(SessionCommands commands) {
        return new SystemPower() {
            @Override
            public void reboot() throws IOException {
                run("reboot");
            }

            @Override
            public void powerOff() throws IOException {
                run("poweroff");
            }

            private void run(String verb) throws IOException {
                int exit = commands.run(List.of("systemctl", verb));
                if (exit != 0) {
                    throw new IOException("systemctl " + verb + " failed with exit code " + exit);
                }
            }
        };
    }
}
