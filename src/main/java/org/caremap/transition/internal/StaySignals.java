package org.caremap.transition.internal;

import java.util.ArrayList;
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

/**
 * Hospital stays on the caseload lists: a patient in hospital now (or in the emergency department since yesterday), and one discharged in
 * the last 30 days at a high risk of readmission (LACE 10 or more).
 */
@Component
class StaySignals implements CaseSignals {

	/** LACE from which the readmission risk is high. */
	static final int HIGH_LACE = 10;

	private final JdbcClient jdbc;

	StaySignals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<CaseId, List<CaseFlag>> flags(Map<CaseId, PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Map<PatientId, List<CaseFlag>> byPatient = new HashMap<>();
		// served by encounter_patient_idx
		jdbc.sql("""
				select patient_id,
				       bool_or(status = 'IN_PROGRESS' and (patient_class = 'I'
				               or patient_class = 'E' and admitted_at > now() - interval '1 day')),
				       bool_or(status = 'FINISHED' and patient_class = 'I' and lace >= ?
				               and discharged_at > now() - interval '30 days')
				from encounter where patient_id = any(?) group by patient_id""")
			.params(HIGH_LACE, cases.values().stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> {
				List<CaseFlag> flags = new ArrayList<>();
				if (rs.getBoolean(2)) flags.add(new CaseFlag("in-hospital", "case.flag.inHospital", 1, CaseFlag.Level.WARN, "bi-hospital"));
				if (rs.getBoolean(3)) flags.add(new CaseFlag("readmission-risk", "case.flag.readmissionRisk", 1, CaseFlag.Level.WARN, "bi-arrow-repeat"));
				if (!flags.isEmpty()) byPatient.put(new PatientId(rs.getObject(1, UUID.class)), flags);
				return 1;
			})
			.list();
		Map<CaseId, List<CaseFlag>> out = new HashMap<>();
		cases.forEach((id, patient) -> {
			List<CaseFlag> flags = byPatient.get(patient);
			if (flags != null) out.put(id, flags);
		});
		return out;
	}
}
