package dev.cos.installer.app.engine;

import java.util.List;

/** The repairs of {@code repair}: each one flag of the verb. */
public enum RepairAction {
    FSCK("--fsck"), BOOTLOADER("--bootloader"), GRUB_ENV("--grub-env");

    private final String flag;

    RepairAction(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /**
     * Options of a repair.
     *
     * @param partitions with FSCK: only these partitions (label or GPT name); empty = all
     * @param yesFix with FSCK: answer yes to every fix ({@code -y}) instead of only the safe ones ({@code -p})
     */
    public record Options(List<String> partitions, boolean yesFix) {
        public static final Options NONE = new Options(List.of(), false);

        public Options {
            partitions = List.copyOf(partitions);
        }
    }
}
