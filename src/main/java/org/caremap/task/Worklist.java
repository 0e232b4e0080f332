package org.caremap.task;

import java.util.List;
import java.util.Map;

import org.caremap.shared.UserId;

/**
 * "My day" in one read: the ranked rows up to the horizon, how many of the user's own open tasks are due at or after
 * it (0 without a horizon), and for whom each row is done when someone acting for its owner (cover, on call) has it.
 */
public record Worklist(List<WorklistRow> rows, long later, Map<TaskId, UserId> actingFor) {
}
