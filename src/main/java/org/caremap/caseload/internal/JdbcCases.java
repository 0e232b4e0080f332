package org.caremap.caseload.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.CareRelationships;
import org.caremap.access.PatientAccess;
import org.caremap.access.RelationshipKind;
import org.caremap.access.SupervisionScope;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseAssigned;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseHeld;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseManagerLoad;
import org.caremap.caseload.CaseSignals;
import org.caremap.caseload.CaseOpened;
import org.caremap.caseload.CasePage;
import org.caremap.caseload.CaseSearch;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.referral.Referrals;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcCases implements Cases, SupervisionScope {

	private final JdbcClient jdbc;
	private final Referrals referrals;
	private final Programs programs;
	private final PatientAccess access;
	private final CareRelationships relationships;
	private final UserAccounts accounts;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final List<CaseSignals> signals;

	private final org.caremap.organization.Organizations organizations;
	private final org.caremap.workforce.Credentials credentials;
	private final org.springframework.beans.factory.ObjectProvider<org.caremap.access.Segmentation> segmentations;

	JdbcCases(org.springframework.beans.factory.ObjectProvider<CaseSignals> signals, JdbcClient jdbc, Referrals referrals, Programs programs, PatientAccess access,
			CareRelationships relationships, UserAccounts accounts, AuditTrail audit,
			ApplicationEventPublisher events, org.caremap.organization.Organizations organizations,
			org.caremap.workforce.Credentials credentials,
			org.springframework.beans.factory.ObjectProvider<org.caremap.access.Segmentation> segmentations) {
		this.segmentations = segmentations;
		this.organizations = organizations;
		this.credentials = credentials;
		this.jdbc = jdbc;
		this.referrals = referrals;
		this.programs = programs;
		this.access = access;
		this.relationships = relationships;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.signals = signals.orderedStream().toList();
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'SYSTEM')")
	public CaseId enrol(Enrolment e) {
		var program = programs.find(e.program()).orElseThrow(() -> new NotFoundException("program", e.program()));
		if (!program.active()) throw new DomainException("case.program-inactive", program.name(), program.name());
		UserView manager = accounts.find(e.caseManager()).orElseThrow(() -> new NotFoundException("user", e.caseManager()));
		if (!manager.enabled() || !manager.has(Role.CASE_MANAGER)) {
			throw new DomainException("case.not-a-case-manager", manager.displayName(), manager.displayName());
		}
		mayTakeNewCases(manager.id());
		if (e.referral() != null) {
			var referral = referrals.find(e.referral()).orElseThrow(() -> new NotFoundException("referral", e.referral()));
			if (referral.status() != org.caremap.referral.ReferralStatus.SCREENING) {
				throw new DomainException("referral.illegal-transition", "the referral is not being screened",
						referral.status().name().toLowerCase(Locale.ROOT), "accept");
			}
		}
		UUID id = Ids.newId();
		Consent c = e.consent();
		try {
			jdbc.sql("""
					insert into care_case (id, patient_id, program_id, referral_id, case_manager_id, status, start_date,
					                       acuity, acuity_reason, consent_date, consent_method, consent_by,
					                       consent_told_available, consent_told_cost_sharing, consent_told_one_practitioner,
					                       consent_told_can_stop, created_by)
					values (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, e.patient().value(), e.program().value(), e.referral() == null ? null : e.referral().value(),
						e.caseManager().value(), e.startDate(), e.acuity().name(), e.acuityReason().trim(), c.date(),
						c.method().name(), c.obtainedBy().trim(), c.toldServiceAvailable(), c.toldCostSharing(),
						c.toldOnePractitioner(), c.toldCanStop(), CurrentActor.name())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException("case.already-open", "the patient already has an open case in " + program.name(),
					program.name());
		}
		CaseId caseId = new CaseId(id);
		step(id, "STATUS", null, CaseStatus.ACTIVE.name(), null);
		step(id, "ACUITY", null, e.acuity().name(), e.acuityReason());
		relationships.open(e.caseManager(), e.patient(), RelationshipKind.CASE_MANAGER, source(caseId));
		if (e.referral() != null) referrals.accept(e.referral(), id.toString());
		audit.record(AuditEntry.write("CREATE", "Case", id.toString(), e.patient()));
		events.publishEvent(new CaseOpened(caseId, e.patient(), e.program(), e.caseManager(), e.startDate()));
		events.publishEvent(new CaseAssigned(caseId, e.patient(), null, e.caseManager(), "enrolment"));
		events.publishEvent(new org.caremap.caseload.CaseAcuitySet(caseId, e.patient(), e.acuity(), java.time.Instant.now()));
		return caseId;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CaseView> find(CaseId id) {
		Optional<CaseView> found = jdbc.sql("select * from care_case where id = ?")
			.param(id.value())
			.query((rs, n) -> read(rs))
			.optional();
		found.ifPresent(c -> {
			access.require(c.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("Case", id.toString(), c.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public List<CaseView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<CaseView> cases = jdbc.sql("select * from care_case where patient_id = ? order by start_date desc, id")
			.param(patient.value())
			.query((rs, n) -> read(rs))
			.list();
		audit.record(new AuditEntry("READ", "Case", null, patient, AuditOutcome.SUCCESS, cases.size() + " cases"));
		return cases;
	}

	@Override
	@Transactional(readOnly = true)
	public CasePage search(CaseSearch search, int offset, int count) {
		if (search.patient() != null) access.require(search.patient(), AccessPurpose.READ);
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new HashMap<>();
		if (search.id() != null) {
			where.append(" and c.id = :id");
			params.put("id", search.id().value());
		}
		if (search.patient() != null) {
			where.append(" and c.patient_id = :patient");
			params.put("patient", search.patient().value());
		}
		if (search.caseManager() != null) {
			where.append(" and c.case_manager_id = :manager");
			params.put("manager", search.caseManager().value());
		}
		if (!search.statuses().isEmpty()) {
			where.append(" and c.status = any(:statuses)");
			params.put("statuses", search.statuses().stream().map(Enum::name).toArray(String[]::new));
		}
		if (search.changedFrom() != null) {
			where.append(" and c.last_changed >= :changedFrom");
			params.put("changedFrom", OffsetDateTime.ofInstant(search.changedFrom(), java.time.ZoneOffset.UTC));
		}
		if (search.changedTo() != null) {
			where.append(" and c.last_changed <= :changedTo");
			params.put("changedTo", OffsetDateTime.ofInstant(search.changedTo(), java.time.ZoneOffset.UTC));
		}
		if (search.consented()) where.append(" and c.consent_date is not null");
		java.util.Set<PatientId> scope = access.readableScope();
		if (scope != null) {
			// only what the caller may read is counted and paged (a person's token, not the organisation's)
			where.append(" and c.patient_id = any(:scope)");
			params.put("scope", scope.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		// the cases of Part 2 programs the reader is outside of are left out of the count and the pages, and counted
		UUID[] part2 = programs.all().stream().filter(p -> p.confidentiality() == org.caremap.program.Confidentiality.PART2)
			.map(p -> p.id().value()).toArray(UUID[]::new);
		int withheld = 0;
		// (a read by id finds the case, and the FHIR read refuses it with 403)
		if (part2.length > 0 && search.id() == null) {
			Map<String, Object> inPart2 = new HashMap<>(params);
			inPart2.put("part2", part2);
			Map<PatientId, List<UUID>> byPatient = new HashMap<>();
			jdbc.sql("""
					select c.patient_id, c.id
					from (select care_case.*, greatest(coalesce(updated_at, created_at),
					        (select max(s.created_at) from case_step s where s.case_id = care_case.id)) as last_changed
					      from care_case) c""" + where + " and c.program_id = any(:part2)").params(inPart2)
				.query((rs, n) -> byPatient.computeIfAbsent(new PatientId(rs.getObject(1, UUID.class)), k -> new java.util.ArrayList<>())
					.add(rs.getObject(2, UUID.class)))
				.list();
			if (!byPatient.isEmpty()) {
				var segments = segmentations.getObject().part2(byPatient.keySet());
				UUID[] hidden = byPatient.entrySet().stream()
					.flatMap(e -> e.getValue().stream().filter(id -> segments.get(e.getKey()).withholds(id)))
					.toArray(UUID[]::new);
				if (hidden.length > 0) {
					where.append(" and c.id <> all(:hidden)");
					params.put("hidden", hidden);
					withheld = hidden.length;
				}
			}
		}
		String from = """
				 from (select care_case.*, greatest(coalesce(updated_at, created_at),
				                (select max(s.created_at) from case_step s where s.case_id = care_case.id)) as last_changed
				       from care_case) c""" + where;
		long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
		params.put("limit", Math.max(count, 0));
		params.put("offset", Math.max(offset, 0));
		List<CasePage.Found> page = jdbc.sql("select c.*" + from + " order by c.start_date, c.id limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new CasePage.Found(read(rs), rs.getObject("last_changed", OffsetDateTime.class).toInstant()))
			.list();
		if (search.id() != null && !page.isEmpty()) access.require(page.get(0).view().patient(), AccessPurpose.READ);
		java.util.Set<PatientId> readable = access.readable(page.stream().map(f -> f.view().patient()).toList());
		List<CasePage.Found> shown = page.stream().filter(f -> readable.contains(f.view().patient())).toList();
		audit.recordAll(shown.stream()
			.map(f -> AuditEntry.read("Case", f.view().id().toString(), f.view().patient()))
			.toList());
		return new CasePage(shown, total - (page.size() - shown.size()), withheld);
	}

	private CaseView read(java.sql.ResultSet rs) throws java.sql.SQLException {
		UUID id = rs.getObject("id", UUID.class);
		LocalDate consentDate = rs.getObject("consent_date", LocalDate.class);
		Consent consent = consentDate == null ? null
				: new Consent(consentDate, ConsentMethod.valueOf(rs.getString("consent_method")), rs.getString("consent_by"),
						rs.getBoolean("consent_told_available"), rs.getBoolean("consent_told_cost_sharing"),
						rs.getBoolean("consent_told_one_practitioner"), rs.getBoolean("consent_told_can_stop"));
		UUID referral = rs.getObject("referral_id", UUID.class);
		return new CaseView(new CaseId(id), new PatientId(rs.getObject("patient_id", UUID.class)),
				new ProgramId(rs.getObject("program_id", UUID.class)), referral == null ? null : referral.toString(),
				new UserId(rs.getObject("case_manager_id", UUID.class)), CaseStatus.valueOf(rs.getString("status")),
				rs.getObject("start_date", LocalDate.class), rs.getString("hold_reason"),
				rs.getObject("hold_until", LocalDate.class), rs.getObject("closed_on", LocalDate.class),
				rs.getString("close_reason"), rs.getString("outcome"), Acuity.valueOf(rs.getString("acuity")),
				rs.getString("acuity_reason"), consent, history(id), team(id));
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public void hold(CaseId id, String reason, @Nullable LocalDate until) {
		Current c = writable(id);
		if (until != null && until.isBefore(today())) {
			throw new DomainException("case.hold-until-past", "the hold must end in the future");
		}
		if (until != null && until.isAfter(today().plusYears(2))) {
			throw new DomainException("case.hold-too-long", "a hold lasts at most two years; close the case instead");
		}
		move(id, c, CaseStatus.ON_HOLD, "hold", text(reason), "hold_reason = :note, hold_until = :until", until);
		events.publishEvent(new CaseHeld(id, c.patient(), reason.trim(), until));
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public void resume(CaseId id, String note) {
		Current c = writable(id);
		move(id, c, CaseStatus.ACTIVE, "resume", text(note), "hold_reason = null, hold_until = null", null);
		events.publishEvent(new org.caremap.caseload.CaseResumed(id, c.patient()));
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public void close(CaseId id, String reason, String outcome) {
		Current c = writable(id);
		String why = text(reason);
		String result = text(outcome);
		LocalDate today = today();
		// the day as the organisation counts it (the database's current_date is UTC: tomorrow, on a US evening)
		move(id, c, CaseStatus.CLOSED, "close", why,
				"closed_on = :until, close_reason = :note, outcome = :outcome", today, result);
		relationships.end(c.caseManager(), c.patient(), RelationshipKind.CASE_MANAGER, source(id));
		jdbc.sql("select user_id from case_team_member where case_id = ? and valid_to is null")
			.param(id.value())
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list()
			.forEach(member -> relationships.end(member, c.patient(), RelationshipKind.CARE_TEAM, source(id)));
		jdbc.sql("update case_team_member set valid_to = ? where case_id = ? and valid_to is null")
			.params(today, id.value()).update();
		events.publishEvent(new CaseClosed(id, c.patient(), why, result, today));
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public void changeAcuity(CaseId id, Acuity acuity, String reason) {
		Current c = writable(id);
		if (c.status() == CaseStatus.CLOSED) throw illegal(c.status(), "change the acuity of");
		String why = text(reason);
		jdbc.sql("""
				update care_case set acuity = ?, acuity_reason = ?, version = version + 1, updated_at = now(),
				       updated_by = ? where id = ?""")
			.params(acuity.name(), why, CurrentActor.name(), id.value()).update();
		step(id.value(), "ACUITY", c.acuity().name(), acuity.name(), why);
		audit.record(new AuditEntry("UPDATE", "Case", id.toString(), c.patient(), AuditOutcome.SUCCESS, "acuity=" + acuity));
		events.publishEvent(new org.caremap.caseload.CaseAcuitySet(id, c.patient(), acuity, java.time.Instant.now()));
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR', 'INTAKE')")
	public void recordConsent(CaseId id, Consent consent) {
		Current c = writable(id);
		jdbc.sql("""
				update care_case set consent_date = ?, consent_method = ?, consent_by = ?, consent_told_available = ?,
				       consent_told_cost_sharing = ?, consent_told_one_practitioner = ?, consent_told_can_stop = ?,
				       version = version + 1, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(consent.date(), consent.method().name(), consent.obtainedBy(), consent.toldServiceAvailable(),
					consent.toldCostSharing(), consent.toldOnePractitioner(), consent.toldCanStop(), CurrentActor.name(), id.value())
			.update();
		step(id.value(), "CONSENT", null, consent.method().name(), null);
		audit.record(AuditEntry.write("CONSENT", "Case", id.toString(), c.patient()));
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public int reassign(Collection<CaseId> cases, UserId to, String reason) {
		String why = text(reason);
		UserView manager = accounts.find(to).orElseThrow(() -> new NotFoundException("user", to));
		if (!manager.enabled() || !manager.has(Role.CASE_MANAGER)) {
			throw new DomainException("case.not-a-case-manager", manager.displayName(), manager.displayName());
		}
		mayTakeNewCases(manager.id());
		int moved = 0;
		Map<UserId, Integer> lostBy = new HashMap<>();
		for (CaseId id : cases) {
			Current c = writable(id);
			if (c.status() == CaseStatus.CLOSED) throw illegal(c.status(), "reassign");
			if (c.caseManager().equals(to)) continue;
			jdbc.sql("""
					update care_case set case_manager_id = ?, version = version + 1, updated_at = now(), updated_by = ?
					where id = ?""")
				.params(to.value(), CurrentActor.name(), id.value()).update();
			relationships.end(c.caseManager(), c.patient(), RelationshipKind.CASE_MANAGER, source(id));
			relationships.open(to, c.patient(), RelationshipKind.CASE_MANAGER, source(id));
			step(id.value(), "CASE_MANAGER", c.caseManager().toString(), to.toString(), why);
			audit.record(new AuditEntry("REASSIGN", "Case", id.toString(), c.patient(), AuditOutcome.SUCCESS, why));
			events.publishEvent(new CaseAssigned(id, c.patient(), c.caseManager(), to, why));
			lostBy.merge(c.caseManager(), 1, Integer::sum);
			moved++;
		}
		if (moved > 0) {
			events.publishEvent(new org.caremap.caseload.CasesReassigned(to, lostBy.entrySet().stream()
				.map(e -> new org.caremap.caseload.CasesReassigned.From(e.getKey(), e.getValue())).toList(), why,
					java.time.Instant.now()));
		}
		return moved;
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public void addTeamMember(CaseId id, UserId user, String role, LocalDate from, @Nullable LocalDate to) {
		Current c = writable(id);
		if (c.status() == CaseStatus.CLOSED) throw illegal(c.status(), "change the team of");
		if (to != null && to.isBefore(from)) throw new DomainException("case.team-period", "the period ends before it starts");
		accounts.find(user).filter(UserView::enabled).orElseThrow(() -> new NotFoundException("user", user));
		jdbc.sql("""
				insert into case_team_member (id, case_id, user_id, role, valid_from, valid_to, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), id.value(), user.value(), text(role), from, to, CurrentActor.name()).update();
		relationships.open(user, c.patient(), RelationshipKind.CARE_TEAM, source(id));
		step(id.value(), "TEAM", null, user.toString(), role);
		audit.record(new AuditEntry("UPDATE", "Case", id.toString(), c.patient(), AuditOutcome.SUCCESS, "team+" + user));
	}

	@Override
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public void endTeamMember(CaseId id, UUID member, LocalDate on) {
		Current c = writable(id);
		UserId user = jdbc.sql("select user_id from case_team_member where id = ? and case_id = ? and valid_to is null")
			.params(member, id.value())
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.optional()
			.orElseThrow(() -> new NotFoundException("team member", member));
		jdbc.sql("update case_team_member set valid_to = ? where id = ?").params(on, member).update();
		relationships.end(user, c.patient(), RelationshipKind.CARE_TEAM, source(id));
		step(id.value(), "TEAM", user.toString(), "ended", null);
		audit.record(new AuditEntry("UPDATE", "Case", id.toString(), c.patient(), AuditOutcome.SUCCESS, "team-" + user));
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<PatientId> withOpenCase(java.util.Collection<PatientId> patients) {
		if (patients.isEmpty()) return java.util.Set.of();
		return new java.util.HashSet<>(jdbc.sql("""
				select distinct patient_id from care_case where patient_id = any(?) and status <> 'CLOSED'""")
			.param(patients.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SYSTEM')")
	public List<CaseId> inProgramDuring(ProgramId program, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select id from care_case where program_id = ? and start_date <= ? and (closed_on is null or closed_on >= ?)
				order by start_date, id""")
			.params(program.value(), to, from)
			.query((rs, n) -> new CaseId(rs.getObject(1, UUID.class))).list();
	}

	@Override
	public List<CaseloadRow> activeInProgram(ProgramId program) {
		return jdbc.sql("""
				select id, patient_id, program_id, case_manager_id, status, acuity, start_date from care_case
				where program_id = ? and status = 'ACTIVE' order by id""")
			.param(program.value())
			.query((rs, n) -> new CaseloadRow(new CaseId(rs.getObject(1, UUID.class)), new PatientId(rs.getObject(2, UUID.class)),
					new ProgramId(rs.getObject(3, UUID.class)), new UserId(rs.getObject(4, UUID.class)),
					CaseStatus.valueOf(rs.getString(5)), Acuity.valueOf(rs.getString(6)),
					rs.getObject(7, LocalDate.class)))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public List<CaseloadRow> caseload(UserId caseManager) {
		CurrentUser me = CurrentUser.require();
		if (!me.id().equals(caseManager) && !me.has(Role.SUPERVISOR)) {
			throw new org.springframework.security.access.AccessDeniedException("another case manager's caseload");
		}
		List<CaseloadRow> rows = jdbc.sql("""
				select id, patient_id, program_id, case_manager_id, status, acuity, start_date from care_case
				where case_manager_id = ? and status <> 'CLOSED' order by start_date desc, id""")
			.param(caseManager.value())
			.query((rs, n) -> new CaseloadRow(new CaseId(rs.getObject(1, UUID.class)), new PatientId(rs.getObject(2, UUID.class)),
					new ProgramId(rs.getObject(3, UUID.class)), new UserId(rs.getObject(4, UUID.class)),
					CaseStatus.valueOf(rs.getString(5)), Acuity.valueOf(rs.getString(6)),
					rs.getObject(7, LocalDate.class)))
			.list();
		if (me.has(Role.SUPERVISOR) && !me.id().equals(caseManager)) {
			// a supervisor sees the cases in the programs they supervise
			var mine = programs.supervisedBy(me.id());
			rows = rows.stream().filter(r -> mine.contains(r.program())).toList();
		}
		return withSignals(rows);
	}

	/** The rows with what the other modules know of their cases: last contact, next due, flags. */
	private List<CaseloadRow> withSignals(List<CaseloadRow> rows) {
		if (rows.isEmpty()) return rows;
		List<CaseId> ids = rows.stream().map(CaseloadRow::id).toList();
		Map<CaseId, PatientId> patients = new java.util.LinkedHashMap<>();
		rows.forEach(r -> patients.put(r.id(), r.patient()));
		Map<CaseId, LocalDate> last = new HashMap<>();
		Map<CaseId, LocalDate> next = new HashMap<>();
		Map<CaseId, List<org.caremap.caseload.CaseFlag>> flags = new HashMap<>();
		for (CaseSignals source : signals) {
			last.putAll(source.lastContact(ids));
			next.putAll(source.nextDue(ids));
			source.flags(patients).forEach((id, some) -> flags.computeIfAbsent(id, k -> new java.util.ArrayList<>()).addAll(some));
		}
		java.util.Comparator<org.caremap.caseload.CaseFlag> serious = java.util.Comparator
			.comparing(org.caremap.caseload.CaseFlag::level).thenComparing(org.caremap.caseload.CaseFlag::code);
		return rows.stream()
			.map(r -> new CaseloadRow(r.id(), r.patient(), r.program(), r.caseManager(), r.status(), r.acuity(),
					r.startDate(), last.get(r.id()), next.get(r.id()),
					flags.getOrDefault(r.id(), List.of()).stream().sorted(serious).toList()))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	public org.caremap.caseload.CaseloadPage caseload(UserId caseManager, org.caremap.caseload.CaseloadQuery query,
			int offset, int limit) {
		CurrentUser me = CurrentUser.require();
		if (!me.id().equals(caseManager) && !me.has(Role.SUPERVISOR)) {
			throw new org.springframework.security.access.AccessDeniedException("another case manager's caseload");
		}
		if (query.patients() != null && query.patients().isEmpty()) return new org.caremap.caseload.CaseloadPage(List.of(), 0);
		// fixed fragments only; every value the user chose is a parameter
		StringBuilder where = new StringBuilder("case_manager_id = :manager and status <> 'CLOSED'");
		Map<String, Object> params = new HashMap<>();
		params.put("manager", caseManager.value());
		if (me.has(Role.SUPERVISOR) && !me.id().equals(caseManager)) {
			where.append(" and program_id = any(:supervised)");
			params.put("supervised", programs.supervisedBy(me.id()).stream().map(ProgramId::value).toArray(UUID[]::new));
		}
		if (query.program() != null) {
			where.append(" and program_id = :program");
			params.put("program", query.program().value());
		}
		if (query.acuity() != null) {
			where.append(" and acuity = :acuity");
			params.put("acuity", query.acuity().name());
		}
		if (query.status() != null) {
			where.append(" and status = :status");
			params.put("status", query.status().name());
		}
		if (query.patients() != null) {
			where.append(" and patient_id = any(:patients)");
			params.put("patients", query.patients().stream().map(PatientId::value).toArray(UUID[]::new));
		}
		long total = jdbc.sql("select count(*) from care_case where " + where).params(params)
			.query(Long.class).single();
		params.put("limit", Math.max(0, limit));
		params.put("offset", Math.max(0, offset));
		List<CaseloadRow> rows = jdbc.sql("select id, patient_id, program_id, case_manager_id, status, acuity, start_date"
				+ " from care_case where " + where + " order by " + query.order().sql() + " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new CaseloadRow(new CaseId(rs.getObject(1, UUID.class)), new PatientId(rs.getObject(2, UUID.class)),
					new ProgramId(rs.getObject(3, UUID.class)), new UserId(rs.getObject(4, UUID.class)),
					CaseStatus.valueOf(rs.getString(5)), Acuity.valueOf(rs.getString(6)),
					rs.getObject(7, LocalDate.class)))
			.list();
		return new org.caremap.caseload.CaseloadPage(withSignals(rows), total);
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SUPERVISOR')")
	public List<CaseManagerLoad> loads(@Nullable ProgramId program) {
		var supervised = programs.supervisedBy(CurrentUser.require().id());
		if (program != null && !supervised.contains(program)) return List.of();
		UUID[] ids = (program == null ? supervised.stream() : java.util.stream.Stream.of(program))
			.map(ProgramId::value).toArray(UUID[]::new);
		Map<UserId, int[]> counts = new HashMap<>();
		for (UserView manager : accounts.withRole(Role.CASE_MANAGER)) {
			if (manager.enabled()) counts.put(manager.id(), new int[5]);
		}
		jdbc.sql("""
				select case_manager_id, acuity, count(*) from care_case
				where status <> 'CLOSED' and program_id = any(?) group by case_manager_id, acuity""")
			.param(ids)
			.query((rs, n) -> {
				int[] c = counts.computeIfAbsent(new UserId(rs.getObject(1, UUID.class)), k -> new int[5]);
				c[Acuity.valueOf(rs.getString(2)).ordinal()] += rs.getInt(3);
				return null;
			})
			.list();
		List<CaseManagerLoad> loads = new ArrayList<>();
		counts.forEach((user, c) -> {
			int cases = c[0] + c[1] + c[2] + c[3];
			int weight = c[0] * Acuity.LOW.weight() + c[1] * Acuity.MODERATE.weight() + c[2] * Acuity.HIGH.weight()
					+ c[3] * Acuity.COMPLEX.weight();
			loads.add(new CaseManagerLoad(user, cases, weight, c[0], c[1], c[2], c[3]));
		});
		loads.sort(Comparator.comparingInt(CaseManagerLoad::weight).reversed().thenComparing(l -> l.caseManager().toString()));
		return loads;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean belongsTo(CaseId caseId, PatientId patient) {
		return jdbc.sql("select count(*) from care_case where id = ? and patient_id = ?")
			.params(caseId.value(), patient.value()).query(Long.class).single() > 0;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<CaseId> openInPart2Programs(Collection<CaseId> ids) {
		UUID[] part2 = programs.all().stream().filter(p -> p.confidentiality() == org.caremap.program.Confidentiality.PART2)
			.map(p -> p.id().value()).toArray(UUID[]::new);
		if (ids.isEmpty() || part2.length == 0) return Set.of();
		return Set.copyOf(jdbc.sql("select id from care_case where id = any(?) and program_id = any(?) and status <> 'CLOSED'")
			.params(ids.stream().map(CaseId::value).distinct().toArray(UUID[]::new), part2)
			.query((rs, n) -> new CaseId(rs.getObject(1, UUID.class))).list());
	}

	@Override
	@Transactional(readOnly = true)
	public Map<CaseId, Acuity> acuities(Collection<CaseId> ids) {
		if (ids.isEmpty()) return Map.of();
		Map<CaseId, Acuity> out = new HashMap<>();
		jdbc.sql("select id, acuity from care_case where id = any(?)")
			.param(ids.stream().map(CaseId::value).toArray(UUID[]::new))
			.query((rs, n) -> out.put(new CaseId(rs.getObject(1, UUID.class)), Acuity.valueOf(rs.getString(2))))
			.list();
		return out;
	}

	/** A new case goes only to someone whose licence stands (the workforce module says why not). */
	private void mayTakeNewCases(UserId manager) {
		credentials.mayTakeNewCases(manager, organizations.today()).ifPresent(r -> {
			throw new DomainException(r.code(), r.detail(), r.arguments().toArray());
		});
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserId> suggestCaseManager(ProgramId program, String language) {
		Map<UserId, Integer> weight = new HashMap<>();
		List<UserView> enabled = accounts.withRole(Role.CASE_MANAGER).stream().filter(UserView::enabled).toList();
		java.util.Set<UserId> refused = credentials.mayNotTakeNewCases(enabled.stream().map(UserView::id).toList(), organizations.today());
		List<UserView> managers = enabled.stream().filter(m -> !refused.contains(m.id())).toList();
		managers.forEach(m -> weight.put(m.id(), 0));
		jdbc.sql("""
				select case_manager_id, sum(case acuity when 'LOW' then 1 when 'MODERATE' then 2 when 'HIGH' then 3 else 4 end)
				from care_case where status <> 'CLOSED' and program_id = ? group by case_manager_id""")
			.param(program.value())
			.query((rs, n) -> Map.entry(new UserId(rs.getObject(1, UUID.class)), rs.getInt(2)))
			.list()
			.forEach(e -> weight.computeIfPresent(e.getKey(), (k, v) -> e.getValue()));
		String lang = language.toLowerCase(Locale.ROOT);
		return managers.stream()
			.sorted(Comparator.<UserView>comparingInt(m -> m.languages().contains(lang) ? 0 : 1)
				.thenComparingInt(m -> weight.getOrDefault(m.id(), 0))
				.thenComparing(UserView::displayName))
			.map(UserView::id)
			.findFirst();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean supervises(UserId supervisor, PatientId patient) {
		return jdbc.sql("""
				select exists (select 1 from care_case c join program_supervisor s on s.program_id = c.program_id
				               where c.patient_id = ? and s.user_id = ?)""")
			.params(patient.value(), supervisor.value())
			.query(Boolean.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<UserId> supervisorsAmong(PatientId patient, Collection<UserId> users) {
		if (users.isEmpty()) return java.util.Set.of();
		return new java.util.HashSet<>(jdbc.sql("""
				select distinct s.user_id from care_case c join program_supervisor s on s.program_id = c.program_id
				where c.patient_id = ? and s.user_id = any(?)""")
			.params(patient.value(), users.stream().map(UserId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list());
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<PatientId> supervised(UserId supervisor) {
		return new java.util.HashSet<>(jdbc.sql("""
				select distinct c.patient_id from care_case c join program_supervisor s on s.program_id = c.program_id
				where s.user_id = ?""")
			.param(supervisor.value())
			.query((rs, n) -> new PatientId(rs.getObject(1, java.util.UUID.class)))
			.list());
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<PatientId> supervisedAmong(UserId supervisor, Collection<PatientId> patients) {
		if (patients.isEmpty()) return java.util.Set.of();
		return new java.util.HashSet<>(jdbc.sql("""
				select distinct c.patient_id from care_case c join program_supervisor s on s.program_id = c.program_id
				where c.patient_id = any(?) and s.user_id = ?""")
			.params(patients.stream().map(PatientId::value).toArray(UUID[]::new), supervisor.value())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list());
	}

	/** What decides whether a change is allowed. */
	private record Current(CaseStatus status, PatientId patient, UserId caseManager, Acuity acuity) {
	}

	/** The case, if the current user may change it (its case manager, a supervisor of its program). */
	private Current writable(CaseId id) {
		Current c = jdbc.sql("select status, patient_id, case_manager_id, acuity from care_case where id = ?")
			.param(id.value())
			.query((rs, n) -> new Current(CaseStatus.valueOf(rs.getString(1)), new PatientId(rs.getObject(2, UUID.class)),
					new UserId(rs.getObject(3, UUID.class)), Acuity.valueOf(rs.getString(4))))
			.optional()
			.orElseThrow(() -> new NotFoundException("case", id));
		access.require(c.patient(), AccessPurpose.WRITE);
		CurrentUser me = CurrentUser.get().orElse(null);
		if (me != null && !me.id().equals(c.caseManager())) {
			UUID program = jdbc.sql("select program_id from care_case where id = ?").param(id.value()).query(UUID.class).single();
			boolean supervises = me.has(Role.SUPERVISOR) && programs.supervisedBy(me.id()).contains(new ProgramId(program));
			if (!supervises) {
				audit.record(new AuditEntry("UPDATE", "Case", id.toString(), c.patient(), AuditOutcome.DENIED,
						"not the case manager or a supervisor of the program"));
				throw new org.springframework.security.access.AccessDeniedException(
						"only the case manager or a supervisor of the program changes a case");
			}
		}
		return c;
	}

	private void move(CaseId id, Current c, CaseStatus to, String action, String note, String extraSet,
			@Nullable LocalDate until) {
		move(id, c, to, action, note, extraSet, until, null);
	}

	private void move(CaseId id, Current c, CaseStatus to, String action, String note, String extraSet,
			@Nullable LocalDate until, @Nullable String outcome) {
		if (!c.status().next().contains(to)) throw illegal(c.status(), action);
		int updated = jdbc.sql("update care_case set status = :to, " + extraSet
				+ ", version = version + 1, updated_at = now(), updated_by = :actor where id = :id and status = :from")
			.param("to", to.name())
			.param("from", c.status().name())
			.param("note", note)
			.param("until", until)
			.param("outcome", outcome)
			.param("actor", CurrentActor.name())
			.param("id", id.value())
			.update();
		if (updated == 0) throw new DomainException("case.changed", "the case was changed by someone else meanwhile");
		step(id.value(), "STATUS", c.status().name(), to.name(), note);
		audit.record(new AuditEntry(action.toUpperCase(Locale.ROOT), "Case", id.toString(), c.patient(),
				AuditOutcome.SUCCESS, note));
	}

	/** Today in the organisation's time zone. */
	private LocalDate today() {
		return organizations.primary().map(o -> LocalDate.now(o.zone())).orElse(LocalDate.now(java.time.ZoneOffset.UTC));
	}

	private static DomainException illegal(CaseStatus status, String action) {
		return new DomainException("case.illegal-transition", "cannot " + action + " a case that is " + status,
				status.name().toLowerCase(Locale.ROOT).replace('_', ' '), action);
	}

	private void step(UUID id, String kind, @Nullable String from, String to, @Nullable String note) {
		jdbc.sql("""
				insert into case_step (case_id, kind, from_value, to_value, note, created_by) values (?, ?, ?, ?, ?, ?)""")
			.params(id, kind, from, to, note, CurrentActor.name()).update();
	}

	private List<CaseView.Step> history(UUID id) {
		return jdbc.sql("""
				select kind, from_value, to_value, note, created_at, created_by from case_step
				where case_id = ? order by id""")
			.param(id)
			.query((rs, n) -> new CaseView.Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)))
			.list();
	}

	private List<CaseView.TeamMember> team(UUID id) {
		return jdbc.sql("""
				select id, user_id, role, valid_from, valid_to from case_team_member where case_id = ? order by valid_from, id""")
			.param(id)
			.query((rs, n) -> new CaseView.TeamMember(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)),
					rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
			.list();
	}

	private static String source(CaseId id) {
		return "case:" + id;
	}

	private static String text(@Nullable String text) {
		if (text == null || text.isBlank()) throw new DomainException("case.reason-required", "a reason is required");
		return text.trim();
	}

}
