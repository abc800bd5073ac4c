package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.session.SystemPower;
import java.util.ArrayList;
import java.util.List;

/** Power actions for tests: "reboot" and "poweroff" are recorded, nothing is run. */
public final class RecordingPower implements SystemPower {

    public final List<String> asked = new ArrayList<>();

    @Override
    public void reboot() {
        asked.add("reboot");
    }

    @Override
    public void powerOff() {
        asked.add("poweroff");
    }
}
