package dev.cos.installer.app.tray;

import dev.cos.installer.app.Messages;

/** The icon menu's texts: tray menus show no mnemonics, so the '_' goes. */
final class TrayMenu {

    private TrayMenu() {}

    static String openText() {
        return Messages.get("tray.icon.open").replace("_", "");
    }

    static String quitText() {
        return Messages.get("tray.icon.quit").replace("_", "");
    }
}
