package org.caremap.outreach.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A rule's members as the viewer may see them: only the patients in the viewer's readable scope, a page at a time
 * (the scope applied in SQL), each named patient audited as a read; how many members the viewer may not read is
 * counted, never shown. Each member says whether an enrolment or a referral already covers them.
 */
@Service
@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
public class OutreachMembers {

	/** Members on a page. */
	public static final int PAGE = 50;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final PatientRegistry patients;
	private final AuditTrail audit;

	OutreachMembers(JdbcClient jdbc, PatientAccess access, PatientRegistry patients, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.patients = patients;
		this.audit = audit;
	}

	/** A member, named, and whether an open enrolment or a waiting referral covers them already. */
	public record Member(PatientHeader patient, boolean enrolled, boolean referred) {
		public boolean covered() {
			return enrolled || referred;
		}
	}

	/** A page of members the viewer may read, the number of the rule's members, and of those the viewer may not read. */
	public record Page(List<Member> members, int total, int hidden, int page, boolean more) {
	}

	private record Row(PatientId patient, boolean enrolled, boolean referred) {
	}

	@Transactional
	public Page page(UUID rule, int page) {
		int from = Math.max(0, page);
		Set<PatientId> scope = access.readableScope();
		UUID[] ids = scope == null ? null : scope.stream().map(PatientId::value).toArray(UUID[]::new);
		int total = jdbc.sql("select count(*) from outreach_member where rule_id = ?").param(rule).query(Integer.class).single();
		int visible = scope == null ? total
				: jdbc.sql("select count(*) from outreach_member where rule_id = ? and patient_id = any(?)").params(rule, ids)
					.query(Integer.class).single();
		String sql = """
				select m.patient_id,
				       exists (select 1 from outreach_case k where k.patient_id = m.patient_id and k.closed_on is null) as enrolled,
				       exists (select 1 from outreach_referral f where f.patient_id = m.patient_id and f.open) as referred
				from outreach_member m where m.rule_id = ?""" + (scope == null ? "" : " and m.patient_id = any(?)")
				+ " order by m.patient_id limit ? offset ?";
		List<Object> params = new ArrayList<>();
		params.add(rule);
		if (scope != null) params.add(ids);
		params.add(PAGE + 1);
		params.add(from * PAGE);
		List<Row> rows = jdbc.sql(sql).params(params)
			.query((rs, n) -> new Row(new PatientId(rs.getObject(1, UUID.class)), rs.getBoolean(2), rs.getBoolean(3))).list();
		boolean more = rows.size() > PAGE;
		if (more) rows = rows.subList(0, PAGE);
		Set<PatientId> readable = rows.isEmpty() ? Set.of() : access.readable(rows.stream().map(Row::patient).toList());
		Map<PatientId, PatientHeader> headers = readable.isEmpty() ? Map.of() : patients.headers(readable);
		List<Member> members = new ArrayList<>();
		for (Row row : rows) {
			PatientHeader header = headers.get(row.patient());
			if (header != null) members.add(new Member(header, row.enrolled(), row.referred()));
		}
		members.sort(Comparator.comparing((Member m) -> m.patient().familyName()).thenComparing(m -> m.patient().givenName()));
		audit.recordAll(members.stream().map(m -> AuditEntry.read("OutreachRegistry", rule.toString(), m.patient().id())).toList());
		return new Page(members, total, total - visible + (rows.size() - members.size()), from, more);
	}

	/**
	 * Which of these patients the viewer may read, are members of the rule now, and are not covered by an open
	 * enrolment or a waiting referral.
	 */
	@Transactional(readOnly = true)
	public Set<PatientId> referable(UUID rule, java.util.Collection<PatientId> chosen) {
		Set<PatientId> patients = chosen.isEmpty() ? Set.of() : access.readable(chosen);
		if (patients.isEmpty()) return Set.of();
		return Set.copyOf(jdbc.sql("""
				select m.patient_id from outreach_member m where m.rule_id = ? and m.patient_id = any(?)
				  and not exists (select 1 from outreach_case k where k.patient_id = m.patient_id and k.closed_on is null)
				  and not exists (select 1 from outreach_referral f where f.patient_id = m.patient_id and f.open)""")
			.params(rule, patients.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
	}
}
