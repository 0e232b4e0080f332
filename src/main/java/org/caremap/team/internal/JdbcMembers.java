package org.caremap.team.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.CareRelationships;
import org.caremap.access.Part2Labels;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.access.RelationshipKind;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.team.ContactWay;
import org.caremap.team.MemberKind;
import org.caremap.team.MemberView;
import org.caremap.team.Members;
import org.caremap.team.NewMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members from outside in {@code care_team_member}. Changes need write access to the patient's record and an open case;
 * a member's Caremap account (a care team account) reaches the record as care team from the day they are added until
 * they are ended (a relationship the access module keeps, sourced {@code team-member:<id>}).
 */
@Service
@Transactional
class JdbcMembers implements Members {

	static final String RESOURCE = "CareTeamMember";

	private final org.caremap.organization.Organizations organizations;
	private final JdbcClient jdbc;
	private final Cases cases;
	private final PatientAccess access;
	private final CareRelationships relationships;
	private final UserAccounts accounts;
	private final AuditTrail audit;

	private final Segmentation segmentation;

	JdbcMembers(JdbcClient jdbc, Cases cases, PatientAccess access, CareRelationships relationships, UserAccounts accounts,
			AuditTrail audit, org.caremap.organization.Organizations organizations, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.organizations = organizations;
		this.jdbc = jdbc;
		this.cases = cases;
		this.access = access;
		this.relationships = relationships;
		this.accounts = accounts;
		this.audit = audit;
	}

	@Override
	public UUID add(PatientId patient, NewMember m) {
		access.require(patient, AccessPurpose.WRITE);
		if (!cases.belongsTo(m.caseId(), patient)) throw new DomainException("team.case-unknown", "choose one of the patient's cases");
		// the team of a case in a Part 2 program is changed only by readers who see the program's records
		if (segmentation.part2(patient).withholds(m.caseId().value())) throw Part2Labels.withheld("case team");
		CaseView c = cases.find(m.caseId()).orElseThrow(() -> new NotFoundException("case", m.caseId().value()));
		if (c.status() == CaseStatus.CLOSED) throw new DomainException("team.case-closed", "the case is closed");
		if (m.to() != null && m.to().isBefore(m.from())) throw new DomainException("case.team-period", "the period ends before it starts");
		if (m.account() != null) {
			UserView account = accounts.find(m.account()).filter(UserView::enabled).orElseThrow(() -> new NotFoundException("user", m.account()));
			if (!account.has(Role.CARE_TEAM)) throw new DomainException("team.account-not-care-team", "the account is not a care team account");
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into care_team_member (id, case_id, patient_id, kind, name, role, organization, phone, email, preferred_contact,
				    source_kind, source_id, user_id, valid_from, valid_to, created_by, updated_by)
				values (:id, :case, :patient, :kind, :name, :role, :organization, :phone, :email, :preferred,
				    :sourceKind, :sourceId, :user, :from, :to, :by, :by)""")
			.param("id", id)
			.param("case", m.caseId().value())
			.param("patient", c.patient().value())
			.param("kind", m.kind().name())
			.param("name", m.name().strip())
			.param("role", m.role().strip())
			.param("organization", blankToNull(m.organization()))
			.param("phone", blankToNull(m.phone()))
			.param("email", blankToNull(m.email()))
			.param("preferred", m.preferred().name())
			.param("sourceKind", m.source() == null ? null : m.source().kind().name())
			.param("sourceId", m.source() == null ? null : m.source().id())
			.param("user", m.account() == null ? null : m.account().value())
			.param("from", m.from())
			.param("to", m.to())
			.param("by", CurrentActor.name())
			.update();
		if (m.account() != null && (m.to() == null || m.to().isAfter(organizations.today()))) {
			relationships.open(m.account(), c.patient(), RelationshipKind.CARE_TEAM, source(id));
		}
		audit.record(new AuditEntry("CREATE", RESOURCE, id.toString(), c.patient(), AuditOutcome.SUCCESS, m.kind().name()));
		return id;
	}

	@Override
	public void end(PatientId patient, UUID member, LocalDate on, String reason) {
		access.require(patient, AccessPurpose.WRITE);
		MemberView m = jdbc.sql("select * from care_team_member where id = ? and patient_id = ? and not voided")
			.params(member, patient.value()).query(JdbcMembers::view).optional()
			.orElseThrow(() -> new NotFoundException("team member", member));
		if (reason.length() > 500) throw new DomainException("team.reason-too-long", "at most 500 characters", 500);
		LocalDate end = on.isBefore(m.from()) ? m.from() : on;
		int changed = jdbc.sql("""
				update care_team_member set valid_to = ?, end_reason = ?, updated_at = now(), updated_by = ?
				where id = ? and (valid_to is null or valid_to > ?)""")
			.params(end, reason.isBlank() ? null : reason.strip(), CurrentActor.name(), member, end)
			.update();
		if (changed == 0) throw new DomainException("team.member-ended", "the member has already left the team");
		if (m.account() != null) relationships.end(m.account(), patient, RelationshipKind.CARE_TEAM, source(member));
		audit.record(new AuditEntry("UPDATE", RESOURCE, member.toString(), patient, AuditOutcome.SUCCESS, "ended"));
	}

	@Override
	@Transactional(readOnly = true)
	public List<MemberView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<MemberView> out = jdbc.sql("""
				select * from care_team_member where patient_id = ? and not voided order by valid_from, created_at, id""")
			.param(patient.value()).query(JdbcMembers::view).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, out.size() + " members"));
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<CaseId, List<MemberView>> ofCases(Collection<CaseId> ids) {
		Map<CaseId, List<MemberView>> out = new LinkedHashMap<>();
		if (ids.isEmpty()) return out;
		UUID[] array = ids.stream().map(CaseId::value).toArray(UUID[]::new);
		jdbc.sql("""
				select * from care_team_member where case_id = any(?) and not voided order by valid_from, created_at, id""")
			.param(array).query(JdbcMembers::view).list()
			.forEach(m -> out.computeIfAbsent(m.caseId(), k -> new java.util.ArrayList<>()).add(m));
		return out;
	}

	static String source(UUID member) {
		return "team-member:" + member;
	}

	private static @org.jspecify.annotations.Nullable String blankToNull(@org.jspecify.annotations.Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	static MemberView view(ResultSet rs, int n) throws SQLException {
		String sourceKind = rs.getString("source_kind");
		UUID user = rs.getObject("user_id", UUID.class);
		java.sql.Date to = rs.getDate("valid_to");
		return new MemberView(rs.getObject("id", UUID.class), new CaseId(rs.getObject("case_id", UUID.class)),
				MemberKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("role"), rs.getString("organization"),
				rs.getString("phone"), rs.getString("email"), ContactWay.valueOf(rs.getString("preferred_contact")),
				sourceKind == null ? null : new NewMember.Source(NewMember.Source.Kind.valueOf(sourceKind), rs.getObject("source_id", UUID.class)),
				user == null ? null : new UserId(user), rs.getDate("valid_from").toLocalDate(), to == null ? null : to.toLocalDate(),
				rs.getString("end_reason"));
	}
}
