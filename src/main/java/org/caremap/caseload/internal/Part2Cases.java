package org.caremap.caseload.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.Part2Care;
import org.caremap.organization.Organizations;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases in 42 CFR Part 2 programs, and who cares for a patient within one: the case manager and the case team
 * of an open case, and the supervisors of the program (open or closed cases).
 */
@Component
@Transactional(readOnly = true)
class Part2Cases implements Part2Care {

	private final JdbcClient jdbc;
	private final Programs programs;
	private final Organizations organizations;

	Part2Cases(JdbcClient jdbc, Programs programs, Organizations organizations) {
		this.jdbc = jdbc;
		this.programs = programs;
		this.organizations = organizations;
	}

	private UUID[] part2Programs() {
		return programs.all().stream().filter(p -> p.confidentiality() == Confidentiality.PART2)
			.map(p -> p.id().value()).toArray(UUID[]::new);
	}

	@Override
	public Map<PatientId, Set<UUID>> part2Cases(Collection<PatientId> patients) {
		Map<PatientId, Set<UUID>> out = new HashMap<>();
		UUID[] part2 = part2Programs();
		if (part2.length == 0 || patients.isEmpty()) return out;
		jdbc.sql("select patient_id, id from care_case where patient_id = any(:patients) and program_id = any(:programs)")
			.param("patients", ids(patients))
			.param("programs", part2)
			.query((rs, n) -> out.computeIfAbsent(new PatientId(rs.getObject(1, UUID.class)), k -> new HashSet<>())
				.add(rs.getObject(2, UUID.class)))
			.list();
		return out;
	}

	@Override
	public Set<PatientId> insideAmong(UserId user, Collection<PatientId> patients) {
		Set<PatientId> out = new HashSet<>();
		if (patients.isEmpty()) return out;
		var part2 = programs.all().stream().filter(p -> p.confidentiality() == Confidentiality.PART2).toList();
		if (part2.isEmpty()) return out;
		UUID[] supervised = part2.stream().filter(p -> p.supervisors().contains(user)).map(p -> p.id().value())
			.toArray(UUID[]::new);
		LocalDate today = organizations.today();
		jdbc.sql("""
				select c.patient_id from care_case c
				where c.patient_id = any(:patients) and c.program_id = any(:programs)
				  and ((c.status <> 'CLOSED' and c.case_manager_id = :user) or c.program_id = any(:supervised))
				union
				select c.patient_id from care_case c join case_team_member m on m.case_id = c.id
				where c.patient_id = any(:patients) and c.program_id = any(:programs) and c.status <> 'CLOSED'
				  and m.user_id = :user and m.valid_from <= :today and (m.valid_to is null or m.valid_to >= :today)""")
			.param("patients", ids(patients))
			.param("programs", part2.stream().map(ProgramView::id).map(p -> p.value()).toArray(UUID[]::new))
			.param("supervised", supervised)
			.param("user", user.value())
			.param("today", today)
			.query((rs, n) -> out.add(new PatientId(rs.getObject(1, UUID.class))))
			.list();
		return out;
	}

	private static UUID[] ids(Collection<PatientId> patients) {
		return patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new);
	}
}
