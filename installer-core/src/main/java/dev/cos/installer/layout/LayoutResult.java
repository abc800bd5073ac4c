package dev.cos.installer.layout;

import dev.cos.installer.error.ErrorCode;
import java.util.List;

/** The planner's answer: a plan, or the problems that prevent one. Problems are values, not exceptions. */
public sealed interface LayoutResult {

    record Planned(PartitionPlan plan) implements LayoutResult {}

    record Refused(List<Problem> problems) implements LayoutResult {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /** A reason the layout cannot be made, for a person, with the failure class it belongs to. */
    record Problem(ErrorCode code, String message) {}
}
