package org.caremap.task.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.Timeliness;
import org.caremap.task.TrackedTransition;
import org.caremap.task.TrackedTransition.DecisionMaking;
import org.caremap.task.TrackedTransition.State;
import org.caremap.task.TransitionTracker;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The transitions tracker over the {@code care_transition} rows this module keeps. */
@Service
class JdbcTransitionTracker implements TransitionTracker {

	private static final String COLUMNS = """
			select ct.encounter_id, ct.patient_id, ct.case_id, ct.discharged_at, ct.contact_due, ct.visit_due, ct.period_ends,
			       ct.high_complexity, ct.status, ct.contact_met_at, ct.contact_evidence, ct.contact_attempts, ct.last_attempt_at,
			       ct.medrec_met_at, ct.medrec_evidence, ct.medrec_by_task, ct.visit_booked_for, ct.visit_booking, ct.visit_met_at,
			       ct.visit_evidence, ct.visit_by_task,
			       ct.mdm, ct.mdm_by, ct.readmitted_at, ct.paused_since, ct.paused_seconds
			from care_transition ct""";
	/** The most transitions a list shows. */
	static final int LIMIT = 500;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Cases cases;
	private final Organizations organizations;
	private final UserAccounts accounts;

	JdbcTransitionTracker(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Cases cases, Organizations organizations,
			UserAccounts accounts) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.cases = cases;
		this.organizations = organizations;
		this.accounts = accounts;
	}

	private BusinessCalendar calendar() {
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
		return organizations.calendar(org.id());
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public List<TrackedTransition> mine(UserId caseManager) {
		UUID[] caseIds = cases.caseload(caseManager).stream().map(CaseloadRow::id).map(c -> c.value()).toArray(UUID[]::new);
		if (caseIds.length == 0) return List.of();
		List<TransitionTracking.Row> rows = jdbc.sql(COLUMNS + """
				 where ct.case_id = any(:cases) and ct.status <> 'CANCELLED' and ct.period_ends > now() - interval '30 days'
				order by (ct.status = 'OPEN' and ct.period_ends > now()) desc, ct.discharged_at desc limit :limit""")
			.param("cases", caseIds).param("limit", LIMIT).query(JdbcTransitionTracker::row).list();
		Set<PatientId> readable = access.readable(rows.stream().map(TransitionTracking.Row::patient).distinct().toList());
		List<TrackedTransition> tracked = track(rows.stream().filter(r -> readable.contains(r.patient())).toList());
		audit.recordAll(tracked.stream().map(t -> AuditEntry.read("CareTransition", t.encounter().toString(), t.patient())).toList());
		return tracked;
	}

	@Override
	@Transactional(readOnly = true)
	public List<TrackedTransition> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<TrackedTransition> tracked = track(jdbc.sql(COLUMNS + " where ct.patient_id = ? order by ct.discharged_at desc limit 100")
			.param(patient.value()).query(JdbcTransitionTracker::row).list());
		audit.recordAll(tracked.stream().map(t -> AuditEntry.read("CareTransition", t.encounter().toString(), t.patient())).toList());
		return tracked;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<TrackedTransition> of(PatientId patient, UUID encounter) {
		access.require(patient, AccessPurpose.READ);
		Optional<TrackedTransition> found = jdbc.sql(COLUMNS + " where ct.patient_id = ? and ct.encounter_id = ?")
			.params(patient.value(), encounter).query(JdbcTransitionTracker::row).optional()
			.map(r -> TransitionTracking.track(r, Instant.now(), calendar()));
		found.ifPresent(t -> audit.record(AuditEntry.read("CareTransition", encounter.toString(), patient)));
		return found;
	}

	@Override
	@Transactional
	public void recordDecisionMaking(PatientId patient, UUID encounter, DecisionMaking level) {
		access.require(patient, AccessPurpose.WRITE);
		int changed = jdbc.sql("""
				update care_transition set mdm = ?, mdm_by = ?, mdm_at = now()
				where patient_id = ? and encounter_id = ? and status <> 'CANCELLED'""")
			.params(level.name(), CurrentActor.name(), patient.value(), encounter).update();
		if (changed == 0) throw new NotFoundException("transition", encounter);
		audit.record(new AuditEntry("UPDATE", "CareTransition", encounter.toString(), patient, AuditOutcome.SUCCESS,
				"medical decision making " + level));
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SUPERVISOR')")
	public Timeliness timeliness(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) throw new DomainException("tracker.span-reversed", "the span ends before it starts");
		if (from.plusDays(366).isBefore(to)) throw new DomainException("tracker.span-too-long", "a span of at most a year");
		BusinessCalendar calendar = calendar();
		Instant start = calendar.endOfDay(from.minusDays(1));
		Instant end = calendar.endOfDay(to);
		Map<UUID, UUID> owners = new LinkedHashMap<>();
		List<TransitionTracking.Row> rows = new ArrayList<>();
		// the case manager of a transition: who owns (or last owned) its call task
		jdbc.sql(COLUMNS.replace("from care_transition ct", ", t.owner_user_id from care_transition ct left join lateral (select owner_user_id from task "
				+ "where source = 'transition:' || ct.encounter_id || ':contact' order by created_at desc limit 1) t on true")
				+ " where ct.discharged_at > ? and ct.discharged_at <= ? and ct.status <> 'CANCELLED' order by ct.discharged_at limit 20000")
			.params(Timestamp.from(start), Timestamp.from(end))
			.query((rs, n) -> {
				TransitionTracking.Row row = row(rs, n);
				rows.add(row);
				UUID owner = rs.getObject("owner_user_id", UUID.class);
				if (owner != null) owners.put(row.encounter(), owner);
				return row;
			}).list();
		Instant now = Instant.now();
		Map<UUID, int[]> counts = new LinkedHashMap<>();
		int[] total = new int[10];
		UUID nobody = new UUID(0, 0);
		for (TransitionTracking.Row row : rows) {
			TrackedTransition t = TransitionTracking.track(row, now, calendar);
			int[] line = counts.computeIfAbsent(owners.getOrDefault(row.encounter(), nobody), k -> new int[10]);
			for (int[] c : List.of(line, total)) {
				c[0]++;
				State contact = t.step("CONTACT").state();
				State medrec = t.step("RECONCILIATION").state();
				State visit = t.step("VISIT").state();
				if (contact == State.MET) c[1]++;
				if (contact == State.LATE) c[2]++;
				if (contact == State.MISSED) c[3]++;
				if (medrec == State.MET) c[4]++;
				if (medrec == State.MISSED || medrec == State.LATE) c[5]++;
				if (visit == State.MET) c[6]++;
				if (visit == State.LATE) c[7]++;
				if (visit == State.MISSED) c[8]++;
				if (t.tcm().code() != null) c[9]++;
			}
		}
		List<Timeliness.Line> lines = new ArrayList<>();
		counts.forEach((owner, c) -> {
			UserId user = owner.equals(nobody) ? null : new UserId(owner);
			String name = user == null ? "No case manager" : accounts.find(user).map(u -> u.displayName()).orElse("Unknown");
			lines.add(line(user, name, c));
		});
		lines.sort(Comparator.comparing(Timeliness.Line::name));
		return new Timeliness(from, to, List.copyOf(lines), line(null, "All case managers", total));
	}

	private static Timeliness.Line line(@Nullable UserId user, String name, int[] c) {
		return new Timeliness.Line(user, name, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
	}

	private List<TrackedTransition> track(List<TransitionTracking.Row> rows) {
		if (rows.isEmpty()) return List.of();
		BusinessCalendar calendar = calendar();
		Instant now = Instant.now();
		return rows.stream().map(r -> TransitionTracking.track(r, now, calendar)).toList();
	}

	private static TransitionTracking.Row row(ResultSet rs, int n) throws SQLException {
		String mdm = rs.getString("mdm");
		return new TransitionTracking.Row(rs.getObject("encounter_id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getObject("case_id", UUID.class), instant(rs, "discharged_at"), instant(rs, "contact_due"), instant(rs, "visit_due"),
				instant(rs, "period_ends"), rs.getBoolean("high_complexity"), rs.getString("status"), instant(rs, "contact_met_at"),
				rs.getString("contact_evidence"), rs.getInt("contact_attempts"), instant(rs, "last_attempt_at"),
				instant(rs, "medrec_met_at"), rs.getString("medrec_evidence"), rs.getBoolean("medrec_by_task"),
				instant(rs, "visit_booked_for"), rs.getString("visit_booking"), instant(rs, "visit_met_at"), rs.getString("visit_evidence"),
				rs.getBoolean("visit_by_task"),
				mdm == null ? null : DecisionMaking.valueOf(mdm), rs.getString("mdm_by"), instant(rs, "readmitted_at"),
				instant(rs, "paused_since"), rs.getLong("paused_seconds"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
