package org.caremap.careplan;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What changed from one version of a plan to another: items added, removed or changed, field by field. */
public record PlanDiff(int from, int to, List<Change> changes) {

	public PlanDiff {
		changes = List.copyOf(changes);
	}

	public enum Kind {
		ADDED, REMOVED, CHANGED
	}

	/** One item's change; {@code section} is problems, goals, interventions, barriers or plan. */
	public record Change(String section, @Nullable UUID item, Kind kind, String label, List<FieldChange> fields) {
		public Change {
			fields = List.copyOf(fields);
		}
	}

	public record FieldChange(String field, @Nullable String from, @Nullable String to) {
	}
}
