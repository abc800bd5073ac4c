package dev.cos.installer.state;

import java.time.OffsetDateTime;
import java.util.Map;

/** What state.yaml says about an installed system (spec section 6). */
public record InstallState(OffsetDateTime date, String stateLabel, ImageRecord active, ImageRecord passive,
                           String recoveryLabel, ImageRecord recovery, Map<String, String> otherPartitionLabels) {

    public InstallState {
        otherPartitionLabels = Map.copyOf(otherPartitionLabels);
    }
}
