package org.caremap.transition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A recent discharge or ED visit of a patient no program has yet: who, where, when, LACE (with the conditions it counted), diagnoses sent. */
public record OutreachRow(UUID encounter, PatientId patient, String patientName, int age, String facility,
		String patientClass, @Nullable Instant admittedAt, @Nullable Instant dischargedAt, @Nullable Integer lace,
		@Nullable String laceDetail, List<String> diagnoses) {

	public OutreachRow {
		diagnoses = List.copyOf(diagnoses);
	}
}
