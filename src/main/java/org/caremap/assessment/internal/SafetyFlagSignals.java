package org.caremap.assessment.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.caseload.CaseFlag;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseSignals;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The patient's open urgent assessment flags (a positive PHQ-9 item 9, ...) on each of their cases in the caseload lists. */
@Component
class SafetyFlagSignals implements CaseSignals {

	private final JdbcClient jdbc;
	private final Segmentation segmentation;

	SafetyFlagSignals(JdbcClient jdbc, Segmentation segmentation) {
		this.jdbc = jdbc;
		this.segmentation = segmentation;
	}

	@Override
	public Map<CaseId, List<CaseFlag>> flags(Map<CaseId, PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Collection<PatientId> patients = cases.values();
		record Open(PatientId patient, @Nullable UUID caseId, int count) {
		}
		// served by assessment_flag_open_idx (patient_id, where not addressed); by the case of the assessment that
		// raised them, as those of a Part 2 program are not counted for a reader outside it
		List<Open> rows = jdbc.sql("""
				select f.patient_id, a.case_id, count(*) from assessment_flag f join assessment a on a.id = f.assessment_id
				where f.patient_id = any(?) and f.addressed_at is null and f.severity = 'URGENT' group by f.patient_id, a.case_id""")
			.param(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> new Open(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class), rs.getInt(3)))
			.list();
		Map<PatientId, Part2Segment> segments = rows.isEmpty() ? Map.of()
				: segmentation.part2(rows.stream().filter(r -> r.caseId() != null).map(Open::patient).distinct().toList());
		Map<PatientId, Integer> open = new HashMap<>();
		for (Open row : rows) {
			Part2Segment segment = segments.get(row.patient());
			if (segment != null && segment.withholds(row.caseId())) continue;
			open.merge(row.patient(), row.count(), Integer::sum);
		}
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
