package org.caremap.team.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.Part2Care;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who cares for a patient within a 42 CFR Part 2 program through the care team: a member who signs in to Caremap,
 * on the team of an open case in such a program today (not voided, within their dates). Which cases are in Part 2
 * programs the caseload says ({@link Cases#openInPart2Programs}); the team knows only its members.
 */
@Component
@Transactional(readOnly = true)
class Part2CareTeams implements Part2Care {

	private final JdbcClient jdbc;
	private final Cases cases;
	private final Organizations organizations;

	Part2CareTeams(JdbcClient jdbc, Cases cases, Organizations organizations) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.organizations = organizations;
	}

	@Override
	public Set<PatientId> insideAmong(UserId user, Collection<PatientId> patients) {
		if (patients.isEmpty()) return Set.of();
		record Membership(PatientId patient, CaseId caseId) {
		}
		List<Membership> memberships = new ArrayList<>(jdbc.sql("""
				select distinct patient_id, case_id from care_team_member
				where user_id = :user and patient_id = any(:patients) and not voided
				  and valid_from <= :today and (valid_to is null or valid_to >= :today)""")
			.param("user", user.value())
			.param("patients", patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.param("today", organizations.today())
			.query((rs, n) -> new Membership(new PatientId(rs.getObject(1, UUID.class)), new CaseId(rs.getObject(2, UUID.class))))
			.list());
		if (memberships.isEmpty()) return Set.of();
		Set<CaseId> part2 = cases.openInPart2Programs(memberships.stream().map(Membership::caseId).toList());
		Set<PatientId> inside = new HashSet<>();
		for (Membership m : memberships) {
			if (part2.contains(m.caseId())) inside.add(m.patient());
		}
		return inside;
	}
}
