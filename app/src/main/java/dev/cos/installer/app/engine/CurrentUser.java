package dev.cos.installer.app.engine;

import com.sun.security.auth.module.UnixSystem;

/** Who runs the GUI. */
final class CurrentUser {

    private CurrentUser() {}

    static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
