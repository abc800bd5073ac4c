package dev.cos.installer.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@code repair --describe --json}: every recovery action with its data impact, for the
 * GUI to show before one runs. Ids: rollback, rollback-swap, fsck, fsck-yes, bootloader, grub-env,
 * reset, reset-persistent, reset-oem.
 */
public record RepairCatalog(List<Action> actions) {

    public RepairCatalog {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public Optional<Action> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * {@code keeps} and {@code changes} are sentences for people; {@code command} the engine arguments;
     * {@code code} and {@code args} the title for the GUI to translate (app EngineWords).
     */
    public record Action(String id, String title, String code, Map<String, String> args, List<String> command,
            List<String> keeps, List<String> changes) {
        public Action {
            id = id == null ? "" : id;
            title = title == null ? "" : title;
            code = code == null ? "" : code;
            args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(args));
            command = command == null ? List.of() : List.copyOf(command);
            keeps = keeps == null ? List.of() : List.copyOf(keeps);
            changes = changes == null ? List.of() : List.copyOf(changes);
        }

        /** An action with only its English title. */
        public Action(String id, String title, List<String> command, List<String> keeps, List<String> changes) {
            this(id, title, "", Map.of(), command, keeps, changes);
        }
    }
}
