package org.caremap.transition.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.team.DiscussionFlags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Readmissions for a team meeting's agenda: a patient readmitted within 30 days of a discharge, in the last 90 days
 * (served by encounter_patient_idx).
 */
@Component
class ReadmissionDiscussionFlags implements DiscussionFlags {

	private final JdbcClient jdbc;

	ReadmissionDiscussionFlags(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<CaseId, List<Flag>> flags(Map<CaseId, PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Map<PatientId, Long> readmitted = new HashMap<>();
		jdbc.sql("""
				select patient_id, count(*) from encounter
				where patient_id = any(?) and readmission_of is not null and status <> 'CANCELLED'
				  and admitted_at > now() - interval '90 days'
				group by patient_id""")
			.param(cases.values().stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> readmitted.put(new PatientId(rs.getObject(1, UUID.class)), rs.getLong(2)))
			.list();
		Map<CaseId, List<Flag>> out = new HashMap<>();
		cases.forEach((id, patient) -> {
			Long count = readmitted.get(patient);
			if (count != null) {
				out.put(id, List.of(new Flag("readmission", count == 1 ? "Readmitted within 30 days (last 90 days)"
						: count + " readmissions within 30 days (last 90 days)")));
			}
		});
		return out;
	}
}
