package org.caremap.assessment.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseFlag;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseSignals;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The patient's open urgent assessment flags (a positive PHQ-9 item 9, ...) on each of their cases in the caseload lists. */
@Component
class SafetyFlagSignals implements CaseSignals {

	private final JdbcClient jdbc;

	SafetyFlagSignals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<CaseId, List<CaseFlag>> flags(Map<CaseId, PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Collection<PatientId> patients = cases.values();
		Map<PatientId, Integer> open = new HashMap<>();
		// served by assessment_flag_open_idx (patient_id, where not addressed)
		jdbc.sql("""
				select patient_id, count(*) from assessment_flag
				where patient_id = any(?) and addressed_at is null and severity = 'URGENT' group by patient_id""")
			.param(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> open.put(new PatientId(rs.getObject(1, UUID.class)), rs.getInt(2)))
			.list();
		Map<CaseId, List<CaseFlag>> out = new HashMap<>();
		cases.forEach((id, patient) -> {
			Integer n = open.get(patient);
			if (n != null) {
				out.put(id, List.of(new CaseFlag("safety", "case.flag.safety", n, CaseFlag.Level.DANGER,
						"bi-exclamation-triangle-fill")));
			}
		});
		return out;
	}
}
