package org.caremap.contact;

import java.time.Instant;
import java.util.List;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.task.TaskId;
import org.jspecify.annotations.Nullable;

/** A contact to log, and the tasks it completes. */
public record NewContact(PatientId patient, @Nullable CaseId caseId, ContactKinds.Type type,
		ContactKinds.Direction direction, ContactKinds.Party with, @Nullable String withName,
		ContactKinds.Outcome outcome, Instant occurredAt, int minutes, ContactKinds.StaffKind staffKind,
		@Nullable String summary, List<TaskId> completes) {

	public NewContact {
		if (patient == null || type == null || direction == null || with == null || outcome == null || occurredAt == null
				|| staffKind == null) {
			throw new IllegalArgumentException("patient, type, direction, party, outcome, time and staff kind are required");
		}
		if (minutes < 0 || minutes > 24 * 60) throw new IllegalArgumentException("minutes out of range: " + minutes);
		completes = List.copyOf(completes);
	}
}
