package dev.cos.installer.app.wizard;

/** The wizard's pages, in order. */
public enum Page {
    WELCOME, DISK, PARTITIONS, IMAGE, SUMMARY, PROGRESS, DONE;

    /** The message key of the page's title in the step list. */
    public String titleKey() {
        return "page." + name().toLowerCase(java.util.Locale.ROOT) + ".title";
    }
}
