package org.caremap.utilization.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.shared.UserId;
import org.caremap.utilization.AppealFiled;
import org.caremap.utilization.AppealLevel;
import org.caremap.utilization.AppealOpened;
import org.caremap.utilization.AppealStatus;
import org.caremap.utilization.AuthorizationDecided;
import org.caremap.utilization.AuthorizationUnitsUsed;
import org.caremap.utilization.AuthorizationRequested;
import org.caremap.utilization.AuthorizationRenewalDue;
import org.caremap.utilization.AuthorizationStatus;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.AuthorizationView.AppealView;
import org.caremap.utilization.AuthorizationView.LineView;
import org.caremap.utilization.AuthorizationWorkRow;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.Decision;
import org.caremap.utilization.LineDecision;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.PayerRule;
import org.caremap.utilization.PayerRules;
import org.caremap.utilization.Turnaround;
import org.caremap.utilization.UnitKind;
import org.caremap.utilization.Urgency;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The authorizations, in the {@code authorization_*} tables. The patient's record is checked (read, or contribute for
 * a change) before anything is looked up, every read and change is audited, and each change of status is one guarded
 * update ({@code where status = any(<the statuses the action starts from>)}), so two people recording the same
 * decision cannot both succeed; the events of a change are published in the same transaction.
 */
@Service
@Transactional
class JdbcAuthorizations implements Authorizations {

	static final String RESOURCE = "Claim";
	static final long MAX_DOCUMENT = 5L * 1024 * 1024;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final PatientRegistry patients;
	private final PayerRules rules;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final Appointments appointments;

	JdbcAuthorizations(JdbcClient jdbc, PatientAccess access, AuditTrail audit, ApplicationEventPublisher events,
			PatientRegistry patients, PayerRules rules, UserAccounts accounts, Organizations organizations,
			Appointments appointments) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.events = events;
		this.patients = patients;
		this.rules = rules;
		this.accounts = accounts;
		this.organizations = organizations;
		this.appointments = appointments;
	}

	// ---------------------------------------------------------------- reading

	@Override
	@Transactional(readOnly = true)
	public List<AuthorizationView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<UUID> ids = jdbc.sql("select id from authorization_request where patient_id = ? and not voided order by created_at desc, id")
			.param(patient.value()).query(UUID.class).list();
		List<AuthorizationView> list = ids.stream().map(this::load).flatMap(Optional::stream).toList();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, list.size() + " authorizations"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AuthorizationView> find(UUID id) {
		Optional<PatientId> patient = patientOf(id);
		if (patient.isEmpty()) return Optional.empty();
		access.require(patient.get(), AccessPurpose.READ);
		Optional<AuthorizationView> found = load(id);
		found.ifPresent(a -> audit.record(AuditEntry.read(RESOURCE, id.toString(), a.patient())));
		return found;
	}

	private Optional<PatientId> patientOf(UUID authorization) {
		return jdbc.sql("select patient_id from authorization_request where id = ? and not voided").param(authorization)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional();
	}

	/** The request with everything it holds, unchecked: callers check the patient's record first. */
	Optional<AuthorizationView> load(UUID id) {
		Optional<Row> row = jdbc.sql("select * from authorization_request where id = ? and not voided").param(id)
			.query(JdbcAuthorizations::row).optional();
		if (row.isEmpty()) return Optional.empty();
		Row r = row.get();
		Map<UUID, List<AuthorizationView.UnitUseView>> uses = new HashMap<>();
		jdbc.sql("""
				select * from authorization_unit_use where authorization_id = ? and not voided order by used_on, created_at""")
			.param(id)
			.query((rs, n) -> uses.computeIfAbsent(rs.getObject("line_id", UUID.class), k -> new ArrayList<>())
				.add(new AuthorizationView.UnitUseView(rs.getObject("id", UUID.class), rs.getString("source_kind"),
						rs.getObject("source_id", UUID.class), rs.getObject("used_on", LocalDate.class), rs.getInt("units"),
						rs.getBoolean("counted"), rs.getString("warning"), rs.getString("note"), rs.getString("created_by"))))
			.list();
		List<LineView> lines = jdbc.sql("select * from authorization_line where authorization_id = ? order by position")
			.param(id)
			.query((rs, n) -> {
				UUID lineId = rs.getObject("id", UUID.class);
				List<AuthorizationView.UnitUseView> mine = uses.getOrDefault(lineId, List.of());
				int planned = mine.stream().filter(u -> !u.counted()).mapToInt(AuthorizationView.UnitUseView::units).sum();
				return new LineView(lineId, rs.getInt("position"), CodeSystem.valueOf(rs.getString("code_system")),
						rs.getString("code"), rs.getString("description"), rs.getInt("units_requested"),
						UnitKind.valueOf(rs.getString("unit_kind")), LineDecision.valueOf(rs.getString("decision")),
						(Integer) rs.getObject("units_approved"), rs.getObject("approved_from", LocalDate.class),
						rs.getObject("approved_to", LocalDate.class), rs.getString("denial_reason"), rs.getInt("units_used"),
						planned, instant(rs, "renewal_flagged_at"), rs.getString("renewal_reason"), mine);
			})
			.list();
		List<AppealView> appeals = jdbc.sql("select * from authorization_appeal where authorization_id = ? order by created_at")
			.param(id).query(JdbcAuthorizations::appeal).list();
		List<AuthorizationView.PeerToPeerView> reviews = jdbc.sql("""
				select * from peer_to_peer where authorization_id = ? order by requested_at""")
			.param(id)
			.query((rs, n) -> new AuthorizationView.PeerToPeerView(rs.getObject("id", UUID.class), instant(rs, "requested_at"),
					instant(rs, "scheduled_for"), rs.getString("physician"), rs.getString("payer_reviewer"), rs.getString("outcome"),
					rs.getString("outcome_note"), instant(rs, "recorded_at")))
			.list();
		List<AuthorizationView.DocumentInfo> documents = jdbc.sql("""
				select id, filename, content_type, octet_length(content) size, created_at, created_by from authorization_document
				where authorization_id = ? and not voided order by created_at""")
			.param(id)
			.query((rs, n) -> new AuthorizationView.DocumentInfo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getInt(4), instant(rs, "created_at"), rs.getString(6)))
			.list();
		return Optional.of(new AuthorizationView(r.id, r.patient, r.coverage, r.payer, r.memberId, r.service, r.diagnoses,
				r.requesting, r.servicing, r.wantedFrom, r.wantedTo, r.urgency, r.notes, r.status, r.statusNote, r.submittedAt,
				r.dueAt, r.decidedAt, r.reference, r.reason, r.overturned, r.owner, r.intervention, lines, appeals, reviews,
				documents, r.createdAt, r.createdBy, r.updatedAt, r.version));
	}

	private record Row(UUID id, PatientId patient, @Nullable UUID coverage, String payer, @Nullable String memberId,
			String service, List<String> diagnoses, String requesting, @Nullable String servicing, LocalDate wantedFrom,
			LocalDate wantedTo, Urgency urgency, @Nullable String notes, AuthorizationStatus status, @Nullable String statusNote,
			@Nullable Instant submittedAt, @Nullable Instant dueAt, @Nullable Instant decidedAt, @Nullable String reference,
			@Nullable String reason, boolean overturned, @Nullable UUID owner, @Nullable UUID intervention, Instant createdAt,
			String createdBy, Instant updatedAt, int version) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		java.sql.Array d = rs.getArray("diagnoses");
		List<String> diagnoses = d == null ? List.of() : Arrays.asList((String[]) d.getArray());
		return new Row(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getObject("coverage_id", UUID.class), rs.getString("payer"), rs.getString("member_id"), rs.getString("service"),
				diagnoses, rs.getString("requesting_provider"), rs.getString("servicing_provider"),
				rs.getObject("wanted_from", LocalDate.class), rs.getObject("wanted_to", LocalDate.class),
				Urgency.valueOf(rs.getString("urgency")), rs.getString("clinical_notes"),
				AuthorizationStatus.valueOf(rs.getString("status")), rs.getString("status_note"), instant(rs, "submitted_at"),
				instant(rs, "decision_due_at"), instant(rs, "decided_at"), rs.getString("payer_reference"),
				rs.getString("decision_reason"), rs.getBoolean("overturned_on_appeal"), rs.getObject("owner_user_id", UUID.class),
				rs.getObject("intervention_id", UUID.class), instant(rs, "created_at"), rs.getString("created_by"),
				instant(rs, "updated_at"), rs.getInt("version"));
	}

	private static AppealView appeal(ResultSet rs, int n) throws SQLException {
		return new AppealView(rs.getObject("id", UUID.class), AppealLevel.valueOf(rs.getString("level")),
				AppealStatus.valueOf(rs.getString("status")), rs.getObject("notice_date", LocalDate.class),
				rs.getObject("filing_deadline", LocalDate.class), rs.getString("deadline_source"), rs.getString("letter"),
				instant(rs, "filed_at"), instant(rs, "decided_at"), rs.getString("outcome_note"),
				rs.getObject("owner_user_id", UUID.class), instant(rs, "created_at"), rs.getInt("version"));
	}

	// ---------------------------------------------------------------- the request

	private @Nullable UUID me() {
		return accounts.findByUsername(CurrentActor.name()).map(UserView::id).map(UserId::value).orElse(null);
	}

	/** The patient's coverage the request goes to (the registry authorizes and audits the read). */
	private Coverage coverage(PatientId patient, UUID coverage) {
		PatientDetails details = patients.details(patient).orElseThrow(() -> new NotFoundException("patient", patient.value()));
		return details.coverage().stream().filter(c -> coverage.equals(c.id())).findFirst()
			.orElseThrow(() -> new DomainException("authorization.coverage", "choose one of the patient's coverages"));
	}

	@Override
	public UUID draft(NewAuthorization r) {
		access.require(r.patient(), AccessPurpose.CONTRIBUTE);
		Coverage c = coverage(r.patient(), r.coverage());
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into authorization_request (id, patient_id, coverage_id, payer, member_id, service, diagnoses,
				    requesting_provider, servicing_provider, wanted_from, wanted_to, urgency, clinical_notes, status,
				    owner_user_id, intervention_id, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?)""")
			.params(id, r.patient().value(), r.coverage(), c.payer(), c.memberId(), r.service(), r.diagnoses().toArray(String[]::new),
					r.requestingProvider(), r.servicingProvider(), r.wantedFrom(), r.wantedTo(), r.urgency().name(),
					r.clinicalNotes(), me(), r.intervention(), CurrentActor.name(), CurrentActor.name())
			.update();
		List<UUID> lines = insertLines(id, r.lines());
		if (r.intervention() != null) link(r.patient(), r.intervention(), lines.get(0));
		audit.record(new AuditEntry("CREATE", RESOURCE, id.toString(), r.patient(), AuditOutcome.SUCCESS, "DRAFT"));
		return id;
	}

	private List<UUID> insertLines(UUID authorization, List<NewAuthorization.Line> lines) {
		List<UUID> ids = new ArrayList<>();
		int position = 1;
		for (NewAuthorization.Line l : lines) {
			UUID lineId = Ids.newId();
			jdbc.sql("""
					insert into authorization_line (id, authorization_id, position, code_system, code, description,
					    units_requested, unit_kind)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(lineId, authorization, position++, l.system().name(), l.code(), l.description(), l.units(),
						l.unitKind().name())
				.update();
			ids.add(lineId);
		}
		return ids;
	}

	@Override
	public void change(UUID id, NewAuthorization r, int version) {
		AuthorizationView a = forChange(id);
		if (!a.patient().equals(r.patient())) throw new NotFoundException("authorization", id);
		Coverage c = coverage(r.patient(), r.coverage());
		int changed = jdbc.sql("""
				update authorization_request set coverage_id = ?, payer = ?, member_id = ?, service = ?, diagnoses = ?,
				    requesting_provider = ?, servicing_provider = ?, wanted_from = ?, wanted_to = ?, urgency = ?,
				    clinical_notes = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and version = ? and status = 'DRAFT'""")
			.params(r.coverage(), c.payer(), c.memberId(), r.service(), r.diagnoses().toArray(String[]::new),
					r.requestingProvider(), r.servicingProvider(), r.wantedFrom(), r.wantedTo(), r.urgency().name(),
					r.clinicalNotes(), CurrentActor.name(), id, version)
			.update();
		if (changed == 0) {
			if (a.status() != AuthorizationStatus.DRAFT) {
				throw new DomainException("authorization.not-draft", "only a draft can be changed", words(a.status().name()));
			}
			throw new DomainException("authorization.stale", "the request was changed by someone else in the meantime");
		}
		// the lines of a draft are written again; links of interventions move to the new first line
		List<UUID> old = a.lines().stream().map(LineView::id).toList();
		jdbc.sql("delete from authorization_line where authorization_id = ?").param(id).update();
		List<UUID> lines = insertLines(id, r.lines());
		if (!old.isEmpty()) {
			jdbc.sql("update authorization_need set line_id = ?, updated_at = now(), updated_by = ? where line_id = any(?)")
				.params(lines.get(0), CurrentActor.name(), old.toArray(UUID[]::new)).update();
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, id.toString(), a.patient(), AuditOutcome.SUCCESS, "draft changed"));
	}

	/** Loads the request for a change: refused unless the user may contribute to the patient's record. */
	private AuthorizationView forChange(UUID id) {
		PatientId patient = patientOf(id).orElseThrow(() -> new NotFoundException("authorization", id));
		access.require(patient, AccessPurpose.CONTRIBUTE);
		return load(id).orElseThrow(() -> new NotFoundException("authorization", id));
	}

	/** Takes the request's row for the rest of the transaction: two decisions on one request wait for each other. */
	private void lock(UUID id) {
		jdbc.sql("select id from authorization_request where id = ? for update").param(id).query(UUID.class).optional();
	}

	/** The guarded update of one transition; a refusal names the status the request is in. */
	private void move(AuthorizationView a, AuthorizationStatus.Action action, @Nullable String note) {
		String[] from = action.from().stream().map(Enum::name).toArray(String[]::new);
		int changed = jdbc.sql("""
				update authorization_request set status = ?, status_note = coalesce(?, status_note), version = version + 1,
				    updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(action.to().name(), Texts.orNull(note), CurrentActor.name(), a.id(), from)
			.update();
		if (changed == 0) {
			String now = jdbc.sql("select status from authorization_request where id = ?").param(a.id()).query(String.class).single();
			throw new DomainException("authorization.illegal-transition", "authorization " + a.id() + " is " + now + ": cannot " + action,
					words(now), words(action.name()));
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, a.id().toString(), a.patient(), AuditOutcome.SUCCESS,
				action.name() + " -> " + action.to().name()));
	}

	@Override
	public void submit(UUID id, Instant at) {
		AuthorizationView a = forChange(id);
		if (at.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
			throw new DomainException("authorization.future", "a request cannot be sent in the future");
		}
		Instant due = decisionDue(rules.of(a.payer()), a.urgency(), at);
		// the clock first (a sent request always has one), then the guarded move; a refused move rolls both back
		jdbc.sql("update authorization_request set submitted_at = ?, decision_due_at = ?, overdue_flagged_at = null where id = ? and status = 'DRAFT'")
			.params(time(at), time(due), id).update();
		move(a, AuthorizationStatus.Action.SUBMIT, null);
		events.publishEvent(new AuthorizationRequested(id, a.patient(), null, null, a.payer(), a.service(), at));
	}

	/** When the payer owes its decision: the rule's hours for an expedited request, its calendar days for a standard one. */
	static Instant decisionDue(PayerRule rule, Urgency urgency, Instant submitted) {
		return urgency == Urgency.EXPEDITED ? submitted.plus(Duration.ofHours(rule.expeditedHours()))
				: submitted.plus(Duration.ofDays(rule.standardDays()));
	}

	@Override
	public void pend(UUID id, String whatIsAsked) {
		String asked = Texts.orNull(whatIsAsked);
		if (asked == null) throw new DomainException("authorization.pend-what", "say what the payer asked for");
		move(forChange(id), AuthorizationStatus.Action.PEND, "Payer asked: " + asked);
	}

	@Override
	public void informationSent(UUID id, String note) {
		String sent = Texts.orNull(note);
		move(forChange(id), AuthorizationStatus.Action.SEND_INFORMATION, sent == null ? "Information sent" : "Sent: " + sent);
	}

	@Override
	public void withdraw(UUID id, String reason) {
		String why = Texts.orNull(reason);
		if (why == null) throw new DomainException("authorization.withdraw-why", "say why the request is withdrawn");
		AuthorizationView a = forChange(id);
		move(a, AuthorizationStatus.Action.WITHDRAW, why);
		events.publishEvent(decided(id, AuthorizationStatus.WITHDRAWN, Instant.now()));
	}

	@Override
	public void decide(UUID id, Decision d) {
		lock(id);
		AuthorizationView a = forChange(id);
		if (!a.status().awaitingDecision()) {
			throw new DomainException("authorization.illegal-transition", "authorization " + id + " is " + a.status() + ": cannot decide",
					words(a.status().name()), "record a decision");
		}
		// the pages give minutes: a decision in the minute the request was sent is not before it
		if (a.submittedAt() != null && d.decidedAt().isBefore(a.submittedAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))) {
			throw new DomainException("authorization.decided-before", "the decision cannot come before the request was sent");
		}
		if (d.decidedAt().isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
			throw new DomainException("authorization.future", "a decision cannot be in the future");
		}
		Map<UUID, LineDecision> decided = answerLines(a, d.lines(), d.reason(), false);
		AuthorizationStatus.Action action = overall(decided.values());
		move(a, action, null);
		jdbc.sql("""
				update authorization_request set decided_at = ?, payer_reference = coalesce(?, payer_reference),
				    decision_reason = ?, first_decision = ?
				where id = ?""")
			.params(time(d.decidedAt()), d.payerReference(), d.reason(), action.to().name(), id).update();
		events.publishEvent(decided(id, action.to(), d.decidedAt()));
	}

	/** The decision as published: the request's lines as they stand now. */
	private AuthorizationDecided decided(UUID id, AuthorizationStatus status, Instant at) {
		AuthorizationView now = load(id).orElseThrow();
		return new AuthorizationDecided(now.patient(), id, status, now.payer(), now.service(), at, now.submittedAt(),
				AuthorizationDecided.linesOf(now));
	}

	/** A use of units counted (or taken back), with the line as it stands now. */
	private void publishUse(UUID authorization, UUID lineId, UUID use, LocalDate on, int units, boolean takenBack) {
		AuthorizationView now = load(authorization).orElseThrow();
		LineView line = now.line(lineId).orElseThrow();
		events.publishEvent(new AuthorizationUnitsUsed(now.patient(), authorization, lineId, use, now.payer(), now.service(),
				line.code(), on, units, takenBack, line.unitsApproved() == null ? 0 : line.unitsApproved(), line.unitsUsed(),
				line.approvedFrom()));
	}

	/** Approved in full, denied in full, or anything between. */
	static AuthorizationStatus.Action overall(java.util.Collection<LineDecision> lines) {
		if (lines.stream().allMatch(l -> l == LineDecision.APPROVED)) return AuthorizationStatus.Action.APPROVE;
		if (lines.stream().allMatch(l -> l == LineDecision.DENIED)) return AuthorizationStatus.Action.DENY;
		return AuthorizationStatus.Action.PARTIALLY_APPROVE;
	}

	/**
	 * Writes the payer's answer to each line (every line answered once; on appeal only the lines not approved may
	 * change); a line cut or denied needs its reason, or the decision's.
	 */
	private Map<UUID, LineDecision> answerLines(AuthorizationView a, List<Decision.LineAnswer> answers, @Nullable String reason,
			boolean appeal) {
		Map<UUID, Decision.LineAnswer> byLine = new HashMap<>();
		for (Decision.LineAnswer answer : answers) {
			if (a.line(answer.line()).isEmpty()) throw new DomainException("authorization.unknown-line", "a line is not this request's");
			if (byLine.put(answer.line(), answer) != null) throw new DomainException("authorization.line-twice", "a line is answered twice");
		}
		Map<UUID, LineDecision> out = new HashMap<>();
		for (LineView line : a.lines()) {
			Decision.LineAnswer answer = byLine.get(line.id());
			if (answer == null || (appeal && line.decision() == LineDecision.APPROVED)) {
				if (answer == null && !appeal) throw new DomainException("authorization.line-unanswered", "answer every line", line.code());
				out.put(line.id(), line.decision());
				continue;
			}
			LineDecision decision = answer.unitsApproved() == 0 ? LineDecision.DENIED
					: answer.unitsApproved() >= line.unitsRequested() ? LineDecision.APPROVED : LineDecision.PARTIAL;
			if (answer.unitsApproved() > line.unitsRequested()) {
				throw new DomainException("authorization.more-than-asked", "more units approved than requested", line.code(),
						line.unitsRequested());
			}
			String why = answer.reason() != null ? answer.reason() : reason;
			if (decision != LineDecision.APPROVED && why == null) {
				throw new DomainException("authorization.denial-reason", "a denial or a cut needs the payer's reason", line.code());
			}
			jdbc.sql("""
					update authorization_line set decision = ?, units_approved = ?, approved_from = ?, approved_to = ?,
					    denial_reason = ?, renewal_flagged_at = null, renewal_reason = null
					where id = ?""")
				.params(decision.name(), answer.unitsApproved(), decision == LineDecision.DENIED ? null : answer.from(),
						decision == LineDecision.DENIED ? null : answer.to(), decision == LineDecision.APPROVED ? null : why, line.id())
				.update();
			out.put(line.id(), decision);
		}
		return out;
	}

	// ---------------------------------------------------------------- units

	@Override
	public UUID useUnits(UUID lineId, LocalDate day, int units, @Nullable UUID appointment, @Nullable String note) {
		UUID authorization = jdbc.sql("select authorization_id from authorization_line where id = ?").param(lineId)
			.query(UUID.class).optional().orElseThrow(() -> new NotFoundException("authorization line", lineId));
		AuthorizationView a = forChange(authorization);
		LineView line = a.line(lineId).orElseThrow();
		if (units < 1 || units > 999) throw new DomainException("authorization.use-units", "units from 1 to 999");
		String why = Texts.orNull(note);
		if (why != null && why.length() > 1000) throw new DomainException("authorization.note-too-long", "a note is at most 1000 characters");
		boolean counted = true;
		LocalDate on = day;
		if (appointment != null) {
			AppointmentView ap = appointments.find(appointment).filter(x -> x.patient().equals(a.patient()))
				.orElseThrow(() -> new DomainException("authorization.appointment", "choose one of the patient's appointments"));
			if (ap.status() != AppointmentStatus.ARRIVED && !ap.status().open()) {
				throw new DomainException("authorization.appointment-closed", "the appointment did not happen", words(ap.status().name()));
			}
			counted = ap.status() == AppointmentStatus.ARRIVED;
			on = ap.start().atZone(zone()).toLocalDate();
		}
		String refusal = refusal(a, line, on, units);
		if (refusal != null) throw new DomainException("authorization.use-refused", refusal, refusal);
		UUID id = Ids.newId();
		try {
			jdbc.sql("""
					insert into authorization_unit_use (id, line_id, authorization_id, patient_id, source_kind, source_id, used_on,
					    units, counted, note, created_by, updated_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, lineId, a.id(), a.patient().value(), appointment == null ? "VISIT" : "APPOINTMENT", appointment, on,
						units, counted, why, CurrentActor.name(), CurrentActor.name())
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw new DomainException("authorization.appointment-counted", "this appointment already counts against the line");
		}
		if (counted) {
			// guarded: two people counting the last units at once cannot both succeed
			int changed = jdbc.sql("update authorization_line set units_used = units_used + ? where id = ? and units_used + ? <= units_approved")
				.params(units, lineId, units).update();
			if (changed == 0) {
				throw new DomainException("authorization.use-refused", "beyond the approval", "only " + line.unitsLeft() + " left");
			}
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, a.id().toString(), a.patient(), AuditOutcome.SUCCESS,
				(counted ? "used " : "planned ") + units + " of " + line.code()));
		if (counted) {
			checkRenewal(lineId, LocalDate.now(zone()));
			publishUse(a.id(), lineId, id, on, units, false);
		}
		return id;
	}

	/** Why units cannot be used on this day, in words, or null when they can. */
	static @Nullable String refusal(AuthorizationView a, LineView line, LocalDate on, int units) {
		if (!a.status().inForce()) return "the authorization is " + words(a.status().name());
		if (!line.approved()) return "line " + line.code() + " was not approved";
		if (line.approvedFrom() != null && on.isBefore(line.approvedFrom())) return "the approval starts on " + line.approvedFrom();
		if (line.approvedTo() != null && on.isAfter(line.approvedTo())) return "the approval ended on " + line.approvedTo();
		int left = (line.unitsApproved() == null ? 0 : line.unitsApproved()) - line.unitsUsed() - line.unitsPlanned();
		if (units > left) return "only " + Math.max(0, left) + " of " + line.unitsApproved() + " approved units are left";
		return null;
	}

	@Override
	public void voidUse(UUID use, String reason) {
		String why = Texts.orNull(reason);
		if (why == null) throw new DomainException("authorization.void-why", "say why");
		record Use(UUID line, UUID authorization, int units, boolean counted, LocalDate on) {
		}
		Use u = jdbc.sql("select line_id, authorization_id, units, counted, used_on from authorization_unit_use where id = ? and not voided")
			.param(use).query((rs, n) -> new Use(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getBoolean(4),
					rs.getObject(5, LocalDate.class)))
			.optional().orElseThrow(() -> new NotFoundException("unit use", use));
		AuthorizationView a = forChange(u.authorization());
		int changed = jdbc.sql("""
				update authorization_unit_use set voided = true, voided_by = ?, void_reason = ?, updated_at = now(), updated_by = ?
				where id = ? and not voided""").params(CurrentActor.name(), why, CurrentActor.name(), use).update();
		if (changed == 1 && u.counted()) {
			jdbc.sql("update authorization_line set units_used = greatest(0, units_used - ?) where id = ?").params(u.units(), u.line()).update();
			publishUse(u.authorization(), u.line(), use, u.on(), u.units(), true);
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, a.id().toString(), a.patient(), AuditOutcome.SUCCESS, "use taken back"));
	}

	/** A planned appointment was kept: its units count now (with a warning when beyond the approval or its period). */
	void appointmentKept(UUID appointment, LocalDate day) {
		record Planned(UUID id, UUID line, UUID authorization, int units) {
		}
		List<Planned> planned = jdbc.sql("""
				select id, line_id, authorization_id, units from authorization_unit_use
				where source_kind = 'APPOINTMENT' and source_id = ? and not voided and not counted""")
			.param(appointment).query((rs, n) -> new Planned(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getInt(4))).list();
		for (Planned p : planned) {
			AuthorizationView a = load(p.authorization()).orElseThrow();
			LineView line = a.line(p.line()).orElseThrow();
			String warning = null;
			if (!a.status().inForce()) warning = "Used while the authorization is " + words(a.status().name());
			else if (line.approvedTo() != null && day.isAfter(line.approvedTo())) warning = "Used after the approval ended on " + line.approvedTo();
			else if (line.approvedFrom() != null && day.isBefore(line.approvedFrom())) warning = "Used before the approval starts on " + line.approvedFrom();
			else if (line.unitsUsed() + p.units() > (line.unitsApproved() == null ? 0 : line.unitsApproved())) warning = "Beyond the approved units";
			jdbc.sql("update authorization_unit_use set counted = true, used_on = ?, warning = ?, updated_at = now(), updated_by = ? where id = ?")
				.params(day, warning, CurrentActor.name(), p.id()).update();
			jdbc.sql("update authorization_line set units_used = units_used + ? where id = ?").params(p.units(), p.line()).update();
			audit.record(new AuditEntry("UPDATE", RESOURCE, a.id().toString(), a.patient(), AuditOutcome.SUCCESS,
					"appointment kept: used " + p.units() + " of " + line.code()));
			checkRenewal(p.line(), LocalDate.now(zone()));
			publishUse(p.authorization(), p.line(), p.id(), day, p.units(), false);
		}
	}

	/** A planned appointment will not happen (or moved): its units are no longer planned, or move with it. */
	void appointmentGone(UUID appointment, @Nullable UUID movedTo) {
		if (movedTo != null) {
			jdbc.sql("""
					update authorization_unit_use set source_id = ?, updated_at = now(), updated_by = ?
					where source_kind = 'APPOINTMENT' and source_id = ? and not voided and not counted""")
				.params(movedTo, CurrentActor.name(), appointment).update();
			return;
		}
		jdbc.sql("""
				update authorization_unit_use set voided = true, voided_by = ?, void_reason = 'The appointment did not happen',
				    updated_at = now(), updated_by = ?
				where source_kind = 'APPOINTMENT' and source_id = ? and not voided and not counted""")
			.params(CurrentActor.name(), CurrentActor.name(), appointment).update();
	}

	/**
	 * Whether the line calls for a re-authorization now (its share of units used, or its approved period ending within
	 * the payer rule's business days); if so it is flagged, once, and {@link AuthorizationRenewalDue} published.
	 */
	boolean checkRenewal(UUID lineId, LocalDate today) {
		UUID authorization = jdbc.sql("select authorization_id from authorization_line where id = ?").param(lineId).query(UUID.class).single();
		AuthorizationView a = load(authorization).orElseThrow();
		LineView line = a.line(lineId).orElseThrow();
		if (!a.status().inForce() || !line.approved() || line.renewalFlaggedAt() != null || line.unitsApproved() == null) return false;
		PayerRule rule = rules.of(a.payer());
		BusinessCalendar calendar = calendar();
		String reason = renewalReason(line, rule, calendar, today);
		if (reason == null) return false;
		int flagged = jdbc.sql("""
				update authorization_line set renewal_flagged_at = now(), renewal_reason = ?
				where id = ? and renewal_flagged_at is null""").params(reason, lineId).update();
		if (flagged == 0) return false;
		LocalDate soon = calendar.businessDaysAfter(today, 2);
		LocalDate dueBy = line.approvedTo() != null && line.approvedTo().isBefore(soon) && !line.approvedTo().isBefore(today)
				? line.approvedTo() : soon;
		events.publishEvent(new AuthorizationRenewalDue(a.patient(), a.id(), lineId, a.payer(), a.service(), line.code(),
				line.unitsUsed(), line.unitsApproved(), line.approvedTo(), reason, dueBy, a.owner() == null ? null : new UserId(a.owner())));
		return true;
	}

	/** Why the line needs a new authorization (in words), or null while it does not. */
	static @Nullable String renewalReason(LineView line, PayerRule rule, BusinessCalendar calendar, LocalDate today) {
		int approved = line.unitsApproved() == null ? 0 : line.unitsApproved();
		if (approved > 0 && line.unitsUsed() * 100L >= (long) approved * rule.renewalSharePercent()) {
			return line.unitsUsed() + " of " + approved + " approved units used (" + line.percentUsed() + "%; re-authorize at "
					+ rule.renewalSharePercent() + "%)";
		}
		if (line.approvedTo() != null && !line.approvedTo().isAfter(calendar.businessDaysAfter(today, rule.renewalBusinessDays()))) {
			return "The approval ends on " + line.approvedTo() + " (re-authorize " + rule.renewalBusinessDays() + " business days before)";
		}
		return null;
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	private BusinessCalendar calendar() {
		return organizations.primary().map(o -> organizations.calendar(o.id()))
			.orElse(new BusinessCalendar(ZoneOffset.UTC, Set.of()));
	}

	// ---------------------------------------------------------------- appeals

	@Override
	public UUID openAppeal(UUID authorization, LocalDate noticeDate) {
		AuthorizationView a = forChange(authorization);
		if (!a.appealable() || a.nextAppealLevel() == null) {
			throw new DomainException("appeal.not-appealable", "there is nothing to appeal, or an appeal is open", words(a.status().name()));
		}
		LocalDate today = LocalDate.now(zone());
		if (noticeDate.isAfter(today)) throw new DomainException("appeal.notice-future", "the notice date cannot be in the future");
		AppealLevel level = a.nextAppealLevel();
		PayerRule rule = rules.of(a.payer());
		int days = level == AppealLevel.EXTERNAL ? 120 : rule.appealDays();
		String source = level == AppealLevel.EXTERNAL
				? "External review: 4 months after the final internal adverse determination (45 CFR 147.136(d)); check the payer's notice"
				: rule.appealSource() + (PayerRule.ANY_OTHER.equals(rule.payer()) ? "" : " (" + rule.payer() + ")");
		LocalDate deadline = noticeDate.plusDays(days);
		String letter = AppealLetter.draft(a, level, name(a.patient()), noticeDate, deadline, today);
		UUID id = Ids.newId();
		UUID owner = me() != null ? me() : a.owner();
		if (a.lastAppeal().filter(x -> x.status() == AppealStatus.WITHDRAWN && x.level() == level).isPresent()) {
			// a withdrawn appeal at this level is opened again
			jdbc.sql("delete from authorization_appeal where authorization_id = ? and level = ? and status = 'WITHDRAWN'")
				.params(authorization, level.name()).update();
		}
		jdbc.sql("""
				insert into authorization_appeal (id, authorization_id, patient_id, level, status, notice_date, filing_deadline,
				    deadline_source, letter, owner_user_id, created_by, updated_by)
				values (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, authorization, a.patient().value(), level.name(), noticeDate, deadline, source, letter, owner,
					CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", "Appeal", id.toString(), a.patient(), AuditOutcome.SUCCESS, level.name()));
		events.publishEvent(new AppealOpened(a.patient(), id, authorization, level, a.payer(), a.service(), deadline, source,
				owner == null ? null : new UserId(owner)));
		return id;
	}

	private String name(PatientId patient) {
		PatientHeader h = patients.headers(List.of(patient)).get(patient);
		return h == null ? "" : h.givenName() + " " + h.familyName();
	}

	private AppealView appealForChange(UUID appeal) {
		UUID authorization = jdbc.sql("select authorization_id from authorization_appeal where id = ?").param(appeal)
			.query(UUID.class).optional().orElseThrow(() -> new NotFoundException("appeal", appeal));
		AuthorizationView a = forChange(authorization);
		return a.appeals().stream().filter(x -> x.id().equals(appeal)).findFirst().orElseThrow();
	}

	@Override
	public void changeLetter(UUID appeal, String letter, int version) {
		AppealView ap = appealForChange(appeal);
		String text = Texts.orNull(letter);
		if (text == null) throw new DomainException("appeal.letter-empty", "the letter is empty");
		if (text.length() > 20000) throw new DomainException("appeal.letter-too-long", "a letter is at most 20000 characters");
		int changed = jdbc.sql("""
				update authorization_appeal set letter = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and version = ? and status = 'DRAFT'""")
			.params(text, CurrentActor.name(), appeal, version).update();
		if (changed == 0) {
			if (ap.status() != AppealStatus.DRAFT) throw new DomainException("appeal.filed", "a filed appeal's letter stays as filed");
			throw new DomainException("appeal.stale", "the letter was changed by someone else in the meantime");
		}
	}

	@Override
	public void appealAction(UUID appeal, AppealStatus.Action action, @Nullable String note, @Nullable Decision newDecision) {
		AppealView ap = appealForChange(appeal);
		UUID authorization = jdbc.sql("select authorization_id from authorization_appeal where id = ?").param(appeal).query(UUID.class).single();
		lock(authorization);
		AuthorizationView a = load(authorization).orElseThrow();
		String text = Texts.orNull(note);
		if (text != null && text.length() > 2000) throw new DomainException("appeal.note-too-long", "a note is at most 2000 characters");
		if (!action.allowedFrom(ap.status())) {
			throw new DomainException("appeal.illegal-transition", "appeal " + appeal + " is " + ap.status() + ": cannot " + action,
					words(ap.status().name()), words(action.name()));
		}
		if (action == AppealStatus.Action.PARTIALLY_OVERTURN && newDecision == null) {
			throw new DomainException("appeal.units", "say what the payer now approves, line by line");
		}
		String[] from = action.from().stream().map(Enum::name).toArray(String[]::new);
		int changed = jdbc.sql("""
				update authorization_appeal set status = ?, outcome_note = coalesce(?, outcome_note),
				    filed_at = case when ? then now() else filed_at end,
				    decided_at = case when ? then now() else decided_at end,
				    version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(action.to().name(), text, action == AppealStatus.Action.FILE, action.outcome(), CurrentActor.name(), appeal, from)
			.update();
		if (changed == 0) {
			String now = jdbc.sql("select status from authorization_appeal where id = ?").param(appeal).query(String.class).single();
			throw new DomainException("appeal.illegal-transition", "appeal " + appeal + " is " + now + ": cannot " + action,
					words(now), words(action.name()));
		}
		audit.record(new AuditEntry("UPDATE", "Appeal", appeal.toString(), a.patient(), AuditOutcome.SUCCESS,
				action.name() + " -> " + action.to().name()));
		switch (action) {
			case FILE -> events.publishEvent(new AppealFiled(a.patient(), appeal, authorization, false, Instant.now()));
			case WITHDRAW -> events.publishEvent(new AppealFiled(a.patient(), appeal, authorization, true, Instant.now()));
			case UPHOLD -> { }
			case OVERTURN, PARTIALLY_OVERTURN -> overturned(a, action, newDecision, ap);
		}
	}

	/** The payer overturned its denial (or part of it): the lines not approved take the new answer. */
	private void overturned(AuthorizationView a, AppealStatus.Action action, @Nullable Decision newDecision, AppealView ap) {
		List<Decision.LineAnswer> answers = new ArrayList<>();
		if (newDecision != null) answers.addAll(newDecision.lines());
		else {
			for (LineView l : a.lines()) {
				if (l.decision() == LineDecision.APPROVED) continue;
				answers.add(new Decision.LineAnswer(l.id(), l.unitsRequested(), l.approvedFrom() != null ? l.approvedFrom() : a.wantedFrom(),
						l.approvedTo() != null ? l.approvedTo() : a.wantedTo(), null));
			}
		}
		Map<UUID, LineDecision> lines = answerLines(a, answers, "Overturned on appeal", true);
		boolean allApproved = lines.values().stream().allMatch(l -> l == LineDecision.APPROVED);
		if (action == AppealStatus.Action.OVERTURN && !allApproved) {
			throw new DomainException("appeal.overturn-all", "an overturn approves every line in full; record a partial overturn otherwise");
		}
		AuthorizationStatus.Action move = allApproved ? AuthorizationStatus.Action.OVERTURN
				: a.status() == AuthorizationStatus.DENIED ? AuthorizationStatus.Action.PARTIALLY_OVERTURN : null;
		if (move != null) move(a, move, "Appeal (" + words(ap.level().name()) + ") " + words(action.to().name()));
		jdbc.sql("update authorization_request set overturned_on_appeal = true, decided_at = now() where id = ?").param(a.id()).update();
		events.publishEvent(decided(a.id(), move == null ? a.status() : move.to(), Instant.now()));
	}

	@Override
	@Transactional(readOnly = true)
	public byte[] appealLetter(UUID appeal) {
		UUID authorization = jdbc.sql("select authorization_id from authorization_appeal where id = ?").param(appeal)
			.query(UUID.class).optional().orElseThrow(() -> new NotFoundException("appeal", appeal));
		AuthorizationView a = find(authorization).orElseThrow(() -> new NotFoundException("appeal", appeal));
		AppealView ap = a.appeals().stream().filter(x -> x.id().equals(appeal)).findFirst().orElseThrow();
		audit.record(new AuditEntry("EXPORT", "Appeal", appeal.toString(), a.patient(), AuditOutcome.SUCCESS, "appeal letter"));
		return AppealLetter.pdf(ap, "Appeal: " + a.service());
	}

	// ---------------------------------------------------------------- peer to peer, documents, links

	@Override
	public UUID requestPeerToPeer(UUID authorization, String physician, @Nullable Instant scheduledFor) {
		AuthorizationView a = forChange(authorization);
		String who = Texts.orNull(physician);
		if (who == null) throw new DomainException("p2p.physician", "name the physician who will speak with the payer");
		if (who.length() > 200) throw new DomainException("p2p.physician-too-long", "a name is at most 200 characters");
		if (!(a.status().awaitingDecision() || a.status() == AuthorizationStatus.DENIED || a.status() == AuthorizationStatus.PARTIALLY_APPROVED)) {
			throw new DomainException("p2p.not-now", "a peer-to-peer review is for a request awaiting or after an adverse decision",
					words(a.status().name()));
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into peer_to_peer (id, authorization_id, patient_id, requested_at, scheduled_for, physician, created_by, updated_by)
				values (?, ?, ?, now(), ?, ?, ?, ?)""")
			.params(id, authorization, a.patient().value(), scheduledFor == null ? null : time(scheduledFor), who,
					CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", "PeerToPeer", id.toString(), a.patient(), AuditOutcome.SUCCESS, null));
		return id;
	}

	@Override
	public void recordPeerToPeer(UUID review, String outcome, @Nullable String payerReviewer, @Nullable String note) {
		UUID authorization = jdbc.sql("select authorization_id from peer_to_peer where id = ?").param(review).query(UUID.class)
			.optional().orElseThrow(() -> new NotFoundException("peer-to-peer review", review));
		AuthorizationView a = forChange(authorization);
		if (!List.of("UPHELD", "OVERTURNED", "PARTIALLY_OVERTURNED", "NOT_HELD").contains(outcome)) {
			throw new DomainException("p2p.outcome", "choose how the review ended");
		}
		String reviewer = Texts.orNull(payerReviewer);
		String text = Texts.orNull(note);
		if ((reviewer != null && reviewer.length() > 200) || (text != null && text.length() > 2000)) {
			throw new DomainException("p2p.too-long", "a name is at most 200 characters, a note 2000");
		}
		int changed = jdbc.sql("""
				update peer_to_peer set outcome = ?, payer_reviewer = ?, outcome_note = ?, recorded_at = now(), updated_at = now(),
				    updated_by = ?
				where id = ? and outcome is null""").params(outcome, reviewer, text, CurrentActor.name(), review).update();
		if (changed == 0) throw new DomainException("p2p.recorded", "the outcome of this review was already recorded");
		audit.record(new AuditEntry("UPDATE", "PeerToPeer", review.toString(), a.patient(), AuditOutcome.SUCCESS, outcome));
	}

	@Override
	public UUID attach(UUID authorization, String filename, String contentType, byte[] content) {
		AuthorizationView a = forChange(authorization);
		String name = Texts.orNull(filename);
		if (name == null) name = "document";
		name = name.replaceAll("[\\\\/\\p{Cntrl}\"]", "_");
		if (name.length() > 200) name = name.substring(name.length() - 200);
		if (content.length == 0) throw new DomainException("authorization.document-empty", "the file is empty");
		if (content.length > MAX_DOCUMENT) throw new DomainException("authorization.document-too-big", "a document is at most 5 MB");
		String type;
		if (content.length >= 5 && new String(content, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) type = "application/pdf";
		else if (plainText(content)) type = "text/plain";
		else throw new DomainException("authorization.document-type", "attach a PDF or a plain text file");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into authorization_document (id, authorization_id, patient_id, filename, content_type, content, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, authorization, a.patient().value(), name, type, content, CurrentActor.name()).update();
		audit.record(new AuditEntry("CREATE", "DocumentReference", id.toString(), a.patient(), AuditOutcome.SUCCESS, name));
		return id;
	}

	private static boolean plainText(byte[] content) {
		for (byte b : content) if (b == 0) return false;
		try {
			StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Document> document(UUID authorization, UUID document) {
		Optional<PatientId> patient = patientOf(authorization);
		if (patient.isEmpty()) return Optional.empty();
		access.require(patient.get(), AccessPurpose.READ);
		Optional<Document> found = jdbc.sql("""
				select filename, content_type, content from authorization_document where id = ? and authorization_id = ? and not voided""")
			.params(document, authorization)
			.query((rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
		found.ifPresent(d -> audit.record(AuditEntry.read("DocumentReference", document.toString(), patient.get())));
		return found;
	}

	@Override
	public void linkIntervention(PatientId patient, UUID intervention, @Nullable UUID line) {
		access.require(patient, AccessPurpose.CONTRIBUTE);
		if (line != null) {
			boolean ours = jdbc.sql("""
					select exists (select 1 from authorization_line l join authorization_request r on r.id = l.authorization_id
					               where l.id = ? and r.patient_id = ? and not r.voided)""")
				.params(line, patient.value()).query(Boolean.class).single();
			if (!ours) throw new DomainException("authorization.unknown-line", "the line is not one of this patient's authorizations");
		}
		link(patient, intervention, line);
		audit.record(new AuditEntry("UPDATE", RESOURCE, null, patient, AuditOutcome.SUCCESS, "intervention " + intervention
				+ (line == null ? " needs an authorization" : " depends on line " + line)));
	}

	private void link(PatientId patient, UUID intervention, @Nullable UUID line) {
		int changed = jdbc.sql("""
				update authorization_need set line_id = ?, updated_at = now(), updated_by = ? where intervention_id = ? and patient_id = ?""")
			.params(line, CurrentActor.name(), intervention, patient.value()).update();
		if (changed == 0) {
			boolean elsewhere = jdbc.sql("select exists (select 1 from authorization_need where intervention_id = ?)")
				.param(intervention).query(Boolean.class).single();
			if (elsewhere) throw new DomainException("authorization.unknown-line", "the intervention is not this patient's");
			jdbc.sql("""
					insert into authorization_need (intervention_id, patient_id, line_id, created_by, updated_by)
					values (?, ?, ?, ?, ?)""")
				.params(intervention, patient.value(), line, CurrentActor.name(), CurrentActor.name()).update();
		}
	}

	// ---------------------------------------------------------------- lists and reports

	@Override
	@Transactional(readOnly = true)
	public List<AuthorizationWorkRow> workList(LocalDate today, int limit) {
		Set<PatientId> scope = access.readableScope();
		if (scope != null && scope.isEmpty()) return List.of();
		int max = Math.max(1, Math.min(limit, 500));
		UUID[] patientsIn = scope == null ? null : scope.stream().map(PatientId::value).toArray(UUID[]::new);
		String within = scope == null ? "true" : "r.patient_id = any(?)";
		List<AuthorizationWorkRow> rows = new ArrayList<>();
		record Raw(AuthorizationWorkRow.Kind kind, UUID id, PatientId patient, String payer, String service,
				AuthorizationStatus status, Urgency urgency, @Nullable Instant due, @Nullable String code,
				@Nullable Integer approved, int used, @Nullable LocalDate approvedTo, @Nullable LocalDate deadline) {
		}
		List<Raw> raw = new ArrayList<>();
		raw.addAll(jdbc.sql("""
				select r.id, r.patient_id, r.payer, r.service, r.status, r.urgency, r.decision_due_at from authorization_request r
				where r.status in ('SUBMITTED', 'PENDED') and not r.voided and %s
				order by r.decision_due_at, r.id limit ?""".formatted(within))
			.params(params(patientsIn, max))
			.query((rs, n) -> new Raw(AuthorizationWorkRow.Kind.DECISION, rs.getObject(1, UUID.class),
					new PatientId(rs.getObject(2, UUID.class)), rs.getString(3), rs.getString(4), AuthorizationStatus.valueOf(rs.getString(5)),
					Urgency.valueOf(rs.getString(6)), instant(rs, "decision_due_at"), null, null, 0, null, null)).list());
		List<Object> lineParams = new ArrayList<>();
		if (patientsIn != null) lineParams.add(patientsIn);
		lineParams.add(today.plusDays(30));
		lineParams.add(max);
		raw.addAll(jdbc.sql("""
				select r.id, r.patient_id, r.payer, r.service, r.status, r.urgency, l.code, l.units_approved, l.units_used, l.approved_to
				from authorization_line l join authorization_request r on r.id = l.authorization_id
				where l.decision in ('APPROVED', 'PARTIAL') and r.status in ('APPROVED', 'PARTIALLY_APPROVED') and not r.voided and %s
				  and (l.approved_to <= ? or l.units_used >= l.units_approved or l.renewal_flagged_at is not null)
				order by l.approved_to, r.id limit ?""".formatted(within))
			.params(lineParams)
			.query((rs, n) -> {
				int approved = rs.getInt(8);
				int used = rs.getInt(9);
				return new Raw(used >= approved ? AuthorizationWorkRow.Kind.USED_UP : AuthorizationWorkRow.Kind.EXPIRING,
						rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3), rs.getString(4),
						AuthorizationStatus.valueOf(rs.getString(5)), Urgency.valueOf(rs.getString(6)), null, rs.getString(7), approved, used,
						rs.getObject(10, LocalDate.class), null);
			}).list());
		raw.addAll(jdbc.sql("""
				select r.id, r.patient_id, r.payer, r.service, r.status, r.urgency, a.filing_deadline
				from authorization_appeal a join authorization_request r on r.id = a.authorization_id
				where a.status = 'DRAFT' and not r.voided and %s
				order by a.filing_deadline, a.id limit ?""".formatted(within))
			.params(params(patientsIn, max))
			.query((rs, n) -> new Raw(AuthorizationWorkRow.Kind.APPEAL, rs.getObject(1, UUID.class),
					new PatientId(rs.getObject(2, UUID.class)), rs.getString(3), rs.getString(4), AuthorizationStatus.valueOf(rs.getString(5)),
					Urgency.valueOf(rs.getString(6)), null, null, null, 0, null, rs.getObject(7, LocalDate.class))).list());
		Set<PatientId> concerned = new HashSet<>();
		raw.forEach(r -> concerned.add(r.patient()));
		Map<PatientId, PatientHeader> names = concerned.isEmpty() ? Map.of() : patients.headers(concerned);
		for (Raw r : raw) {
			PatientHeader h = names.get(r.patient());
			rows.add(new AuthorizationWorkRow(r.kind(), r.id(), r.patient(), h == null ? "" : h.displayName(), r.payer(), r.service(),
					r.status(), r.urgency(), r.due(), r.code(), r.approved(), r.used(), r.approvedTo(), r.deadline()));
		}
		audit.recordAll(concerned.stream().map(p -> new AuditEntry("READ", RESOURCE, null, p, AuditOutcome.SUCCESS,
				"authorizations work list")).toList());
		return rows;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Turnaround> turnaround(LocalDate from, LocalDate to) {
		Set<PatientId> scope = access.readableScope();
		if (scope != null && scope.isEmpty()) return List.of();
		ZoneId zone = zone();
		List<Object> args = new ArrayList<>();
		args.add(time(from.atStartOfDay(zone).toInstant()));
		args.add(time(to.atStartOfDay(zone).toInstant()));
		if (scope != null) args.add(scope.stream().map(PatientId::value).toArray(UUID[]::new));
		var statement = jdbc.sql("""
				select payer, count(*) submitted, count(decided_at) filter (where first_decision is not null) decided,
				    percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 3600.0)
				        filter (where first_decision is not null) median,
				    percentile_cont(0.9) within group (order by extract(epoch from decided_at - submitted_at) / 3600.0)
				        filter (where first_decision is not null) p90,
				    count(*) filter (where first_decision is not null and decided_at <= decision_due_at) on_time,
				    count(*) filter (where first_decision = 'APPROVED') approved,
				    count(*) filter (where first_decision = 'PARTIALLY_APPROVED') partial,
				    count(*) filter (where first_decision = 'DENIED') denied,
				    count(*) filter (where overturned_on_appeal) overturned
				from authorization_request
				where submitted_at >= ? and submitted_at < ? and not voided %s
				group by payer order by payer""".formatted(scope == null ? "" : "and patient_id = any(?)"))
			.params(args);
		return statement.query((rs, n) -> new Turnaround(rs.getString(1), rs.getInt(2), rs.getInt(3), (Double) rs.getObject(4),
				(Double) rs.getObject(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10))).list();
	}

	// ---------------------------------------------------------------- helpers

	/** The patients (when the reader is scoped) and the limit, as the positional parameters of a work-list query. */
	private static List<Object> params(UUID @Nullable [] patients, int limit) {
		List<Object> out = new ArrayList<>();
		if (patients != null) out.add(patients);
		out.add(limit);
		return out;
	}

	/** A status or action in words for a sentence ("partially approved", "send information"). */
	static String words(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}
}
