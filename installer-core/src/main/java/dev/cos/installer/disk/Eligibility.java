package dev.cos.installer.disk;

import java.util.List;

/** Whether a disk can be installed on; when it cannot, every reason why (never an empty list then). */
public record Eligibility(boolean installable, List<UnusableReason> reasons) {

    public Eligibility {
        reasons = List.copyOf(reasons);
        if (installable != reasons.isEmpty()) {
            throw new IllegalArgumentException("a disk is installable exactly when there is no reason against it");
        }
    }

    public static Eligibility of(List<UnusableReason> reasons) {
        return new Eligibility(reasons.isEmpty(), reasons);
    }

    public boolean has(UnusableReason.Kind kind) {
        return reasons.stream().anyMatch(r -> r.kind() == kind);
    }
}
