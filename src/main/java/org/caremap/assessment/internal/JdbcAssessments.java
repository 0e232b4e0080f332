package org.caremap.assessment.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.assessment.AnswersRejected;
import org.caremap.assessment.Answers;
import org.caremap.assessment.AssessmentAssigned;
import org.caremap.assessment.AssessmentCancelled;
import org.caremap.assessment.AssessmentCompleted;
import org.caremap.assessment.SafetyFlagRaised;
import org.caremap.assessment.AssessmentFlag;
import org.caremap.assessment.AssessmentStatus;
import org.caremap.assessment.AssessmentView;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Instrument;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.Respondent;
import org.caremap.assessment.ScorePoint;
import org.caremap.assessment.ScoreResult;
import org.caremap.assessment.Scorer;
import org.caremap.assessment.Scoring;
import org.caremap.assessment.Shown;
import org.caremap.assessment.SocialNeed;
import org.caremap.assessment.Suggestion;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
@Transactional
class JdbcAssessments implements Assessments {

	static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Instruments instruments;
	private final Cases cases;
	private final PatientRegistry patients;
	private final Organizations organizations;
	private final ApplicationEventPublisher events;
	private final Segmentation segmentation;

	JdbcAssessments(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Instruments instruments, Cases cases,
			PatientRegistry patients, Organizations organizations,
			ApplicationEventPublisher events, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.instruments = instruments;
		this.cases = cases;
		this.patients = patients;
		this.organizations = organizations;
		this.events = events;
	}

	@Override
	public UUID assign(PatientId patient, @Nullable CaseId caseId, String instrumentKey, LocalDate dueOn) {
		access.require(patient, AccessPurpose.WRITE);
		if (caseId != null) visible(patient, caseId.value(), "CREATE", "Assessment", null);
		return assignChecked(patient, caseId, instrumentKey, dueOn, false);
	}

	@Override
	public UUID assignAtHome(PatientId patient, @Nullable CaseId caseId, String instrumentKey, LocalDate dueOn) {
		access.require(patient, AccessPurpose.WRITE);
		if (caseId != null) visible(patient, caseId.value(), "CREATE", "Assessment", null);
		return assignChecked(patient, caseId, instrumentKey, dueOn, true);
	}

	/** Assigns, once the right to was checked (by the caller, or the rules of a completed assessment). */
	private UUID assignChecked(PatientId patient, @Nullable CaseId caseId, String instrumentKey, LocalDate dueOn, boolean atHome) {
		Instrument instrument = instruments.current(instrumentKey)
			.orElseThrow(() -> new DomainException("assessment.unknown-instrument", "no instrument " + instrumentKey, instrumentKey));
		if (caseId != null && !cases.belongsTo(caseId, patient)) {
			throw new DomainException("assessment.case-mismatch", "the case is not this patient's");
		}
		Optional<LocalDate> open = jdbc.sql("""
				select due_on from assessment where patient_id = ? and instrument_key = ?
				  and status in ('ASSIGNED', 'IN_PROGRESS')""")
			.params(patient.value(), instrumentKey).query(LocalDate.class).optional();
		if (open.isPresent()) {
			throw new DomainException("assessment.already-open", instrument.title() + " is already assigned",
					instrument.title(), open.get());
		}
		UUID id = Ids.newId();
		try {
			jdbc.sql("""
					insert into assessment (id, patient_id, case_id, instrument_key, instrument_seq, status, due_on, assigned_by, at_home)
					values (?, ?, ?, ?, ?, 'ASSIGNED', ?, ?, ?)""")
				.params(id, patient.value(), caseId == null ? null : caseId.value(), instrument.key(), instrument.seq(), dueOn, CurrentActor.name(),
						atHome)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException("assessment.already-open", instrument.title() + " is already assigned",
					instrument.title(), dueOn);
		}
		UserId owner = ownerFor(caseId);
		if (owner != null) {
			// the work (a task on the owner's day) is made by the task module's listener
			events.publishEvent(new AssessmentAssigned(id, patient, caseId, instrument.title(), owner, calendar().endOfDay(dueOn)));
		}
		audit.record(new AuditEntry("CREATE", "Assessment", id.toString(), patient, AuditOutcome.SUCCESS,
				atHome ? "to answer at home in the portal" : null));
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public List<AssessmentView> toAnswerAtHome(PatientId patient) {
		String refusal = portalRefusal(patient, AccessPurpose.READ);
		if (refusal != null) {
			audit.record(new AuditEntry("READ", "Assessment", null, patient, AuditOutcome.DENIED, refusal));
			throw new org.springframework.security.access.AccessDeniedException("the questionnaires are the patient's own: " + refusal);
		}
		Part2Segment segment = segmentation.part2(patient);
		List<AssessmentView> open = jdbc.sql("""
				select * from assessment where patient_id = ? and at_home and status in ('ASSIGNED', 'IN_PROGRESS')
				order by due_on, assigned_at""")
			.param(patient.value()).query((rs, n) -> read(rs, segment)).list();
		audit.record(new AuditEntry("READ", "Assessment", null, patient, AuditOutcome.SUCCESS, open.size() + " to answer at home"));
		return open;
	}

	/**
	 * Why the current principal may not answer this patient's questionnaires at home, or null: only the patient
	 * themselves in the portal (not a proxy: the questions are about the patient's own feelings), on their own record,
	 * with the purpose the portal's access rule grants.
	 */
	private @Nullable String portalRefusal(PatientId patient, AccessPurpose purpose) {
		var principal = org.caremap.identity.PortalPrincipal.get();
		if (principal.isEmpty()) return "not a portal session";
		if (principal.get().proxy()) return "a proxy does not answer the patient's questionnaires";
		if (!principal.get().patient().equals(patient)) return "another patient's record";
		if (!access.permits(patient, purpose)) return "the portal account may not " + purpose.name().toLowerCase(java.util.Locale.ROOT) + " this record";
		return null;
	}

	/** Who does the work on this case: its case manager, else the person assigning. */
	private @Nullable UserId ownerFor(@Nullable CaseId caseId) {
		if (caseId != null) {
			Optional<CaseView> c = cases.find(caseId);
			if (c.isPresent()) return c.get().caseManager();
		}
		return CurrentUser.get().map(CurrentUser::id).orElse(null);
	}

	private BusinessCalendar calendar() {
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
		return organizations.calendar(org.id());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AssessmentView> find(UUID id) {
		record Owner(PatientId patient, @Nullable UUID caseId) {
		}
		Optional<Owner> owner = jdbc.sql("select patient_id, case_id from assessment where id = ?").param(id)
			.query((rs, n) -> new Owner(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).optional();
		if (owner.isEmpty()) return Optional.empty();
		access.require(owner.get().patient(), AccessPurpose.READ);
		Part2Segment segment = visible(owner.get().patient(), owner.get().caseId(), "READ", "Assessment", id);
		AssessmentView found = jdbc.sql("select * from assessment where id = ?").param(id).query((rs, n) -> read(rs, segment))
			.single();
		audit.record(AuditEntry.read("Assessment", id.toString(), found.patient()));
		return Optional.of(found);
	}

	@Override
	@Transactional(readOnly = true)
	public Shown<AssessmentView> shown(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		List<AssessmentView> all = jdbc.sql("""
				select * from assessment where patient_id = ?
				order by case when status in ('ASSIGNED', 'IN_PROGRESS') then 0 else 1 end,
				         coalesce(completed_at, assigned_at) desc""")
			.param(patient.value()).query((rs, n) -> read(rs, segment)).list();
		Part2Segment.Filtered<AssessmentView> seen = segment.filter(all, a -> a.caseId() == null ? null : a.caseId().value());
		audit.record(new AuditEntry("READ", "Assessment", null, patient, AuditOutcome.SUCCESS, seen.shown().size() + " assessments"
				+ (seen.withheld() > 0 ? ", " + seen.withheld() + " withheld (42 CFR Part 2)" : "")));
		return new Shown<>(seen.shown(), seen.withheld(),
				segment.needsNotice() && seen.shown().stream().anyMatch(AssessmentView::part2));
	}

	@Override
	@Transactional(readOnly = true)
	public Shown<AssessmentView> find(List<UUID> ids) {
		if (ids.isEmpty()) return new Shown<>(List.of(), 0, false);
		record Owner(UUID id, PatientId patient) {
		}
		List<Owner> owners = jdbc.sql("select id, patient_id from assessment where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> new Owner(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)))).list();
		java.util.Set<PatientId> patients = new java.util.LinkedHashSet<>(owners.stream().map(Owner::patient).toList());
		for (PatientId patient : patients) access.require(patient, AccessPurpose.READ);
		Map<PatientId, Part2Segment> segments = segmentation.part2(patients);
		Map<UUID, AssessmentView> found = new java.util.HashMap<>();
		jdbc.sql("select * from assessment where id = any(?)").param(ids.toArray(UUID[]::new))
			.query((rs, n) -> read(rs, segments.get(new PatientId(rs.getObject("patient_id", UUID.class)))))
			.list()
			.forEach(a -> found.put(a.id(), a));
		List<AssessmentView> shown = new ArrayList<>();
		int withheld = 0;
		boolean notice = false;
		for (UUID id : ids) {
			AssessmentView a = found.get(id);
			if (a == null) continue;
			Part2Segment segment = segments.get(a.patient());
			if (segment.withholds(a.caseId() == null ? null : a.caseId().value())) {
				withheld++;
				continue;
			}
			notice |= a.part2() && segment.needsNotice();
			shown.add(a);
			audit.record(AuditEntry.read("Assessment", id.toString(), a.patient()));
		}
		return new Shown<>(shown, withheld, notice);
	}

	/**
	 * The reader's view of the patient's Part 2 records, once a record made in this case may be seen by them: one made
	 * in a substance-use program the reader is outside of is refused (audited as denied), to read or to change.
	 */
	private Part2Segment visible(PatientId patient, @Nullable UUID caseId, String action, String type, @Nullable UUID id) {
		Part2Segment segment = segmentation.part2(patient);
		if (segment.withholds(caseId)) {
			audit.record(new AuditEntry(action, type, id == null ? null : id.toString(), patient, AuditOutcome.DENIED,
					"withheld under 42 CFR Part 2"));
			throw Part2Labels.withheld(type + (id == null ? "" : " " + id));
		}
		return segment;
	}

	private record Row(PatientId patient, @Nullable CaseId caseId, String key, int seq, AssessmentStatus status, int version,
			@Nullable UUID task, boolean atHome) {
	}

	/** Locks the assessment for a change and checks that the change may happen. */
	private Row lockOpen(UUID id, int expectedVersion) {
		Row row = jdbc.sql("""
				select patient_id, case_id, instrument_key, instrument_seq, status, version, task_id, at_home
				from assessment where id = ? for update""")
			.param(id)
			.query((rs, n) -> new Row(new PatientId(rs.getObject(1, UUID.class)), caseId(rs.getObject(2, UUID.class)), rs.getString(3),
					rs.getInt(4), AssessmentStatus.valueOf(rs.getString(5)), rs.getInt(6), rs.getObject(7, UUID.class), rs.getBoolean(8)))
			.optional().orElseThrow(() -> new NotFoundException("assessment", id));
		if (org.caremap.identity.PortalPrincipal.get().isPresent()) {
			// in the portal: the patient answers their own questionnaire assigned to answer at home, nothing else
			String refusal = row.atHome() ? portalRefusal(row.patient(), AccessPurpose.CONTRIBUTE) : "not assigned to answer at home";
			if (refusal != null) {
				audit.record(new AuditEntry("UPDATE", "Assessment", id.toString(), row.patient(), AuditOutcome.DENIED, refusal));
				throw new org.springframework.security.access.AccessDeniedException("this questionnaire is not yours to answer: " + refusal);
			}
		}
		else access.require(row.patient(), AccessPurpose.WRITE);
		visible(row.patient(), row.caseId() == null ? null : row.caseId().value(), "UPDATE", "Assessment", id);
		if (!row.status().open()) {
			throw new DomainException("assessment.closed", "the assessment is " + row.status(), row.status().name());
		}
		if (row.version() != expectedVersion) {
			throw new DomainException("assessment.stale", "someone else saved this assessment meanwhile");
		}
		return row;
	}

	@Override
	public void save(UUID id, Answers answers, @Nullable Respondent respondent, int expectedVersion) {
		Row row = lockOpen(id, expectedVersion);
		if (org.caremap.identity.PortalPrincipal.get().isPresent()) respondent = Respondent.PATIENT;
		Instrument instrument = instruments.version(row.key(), row.seq()).orElseThrow();
		Map<String, String> problems = Scorer.problems(instrument, answers, false);
		if (!problems.isEmpty()) throw new AnswersRejected(problems);
		jdbc.sql("""
				update assessment set answers = ?::jsonb, respondent = ?, status = 'IN_PROGRESS',
				       started_at = coalesce(started_at, now()), version = version + 1, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(JSON.writeValueAsString(answers.values()), respondent == null ? null : respondent.name(),
					CurrentActor.name(), id)
			.update();
		audit.record(AuditEntry.write("UPDATE", "Assessment", id.toString(), row.patient()));
	}

	@Override
	public ScoreResult complete(UUID id, Answers answers, @Nullable Respondent respondent, int expectedVersion) {
		Row row = lockOpen(id, expectedVersion);
		if (org.caremap.identity.PortalPrincipal.get().isPresent()) respondent = Respondent.PATIENT;
		Instrument instrument = instruments.version(row.key(), row.seq()).orElseThrow();
		Map<String, String> problems = Scorer.problems(instrument, answers, true);
		if (!problems.isEmpty()) throw new AnswersRejected(problems);
		PatientDetails details = patients.details(row.patient()).orElseThrow(() -> new NotFoundException("patient", row.patient()));
		ScoreResult result = Scorer.score(instrument, answers, new Scorer.PatientFacts(details.header().sex(),
				details.conditions().stream().map(CodedCondition::code).toList()));
		ScoreResult.Score primary = result.primary().orElse(null);
		jdbc.sql("""
				update assessment set answers = ?::jsonb, respondent = ?, status = 'COMPLETED', result = ?::jsonb,
				       total = ?, band_code = ?, band_label = ?, positive = ?, started_at = coalesce(started_at, now()),
				       completed_at = now(), completed_by = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(JSON.writeValueAsString(answers.values()), respondent == null ? null : respondent.name(),
					JSON.writeValueAsString(result), primary == null ? null : primary.value(),
					primary == null ? null : primary.bandCode(), primary == null ? null : primary.bandLabel(),
					result.positive(), CurrentActor.name(), CurrentActor.name(), id)
			.update();
		// a newer result of the same instrument replaces the earlier ones' open flags, except urgent ones: those
		// stay until a person records how they were addressed
		jdbc.sql("""
				update assessment_flag f set addressed_at = now(), addressed_by = ?,
				       addressed_note = 'Superseded by the ' || ? || ' completed ' || ?
				where f.patient_id = ? and f.addressed_at is null and f.severity <> 'URGENT'
				  and f.assessment_id in (select id from assessment where patient_id = ? and instrument_key = ? and id <> ?)""")
			.params(CurrentActor.name(), instrument.title(), org.caremap.shared.DateTexts.day(LocalDate.now(calendar().zone()), java.util.Locale.ENGLISH), row.patient().value(),
					row.patient().value(), row.key(), id)
			.update();
		for (ScoreResult.Flag f : result.flags()) {
			jdbc.sql("""
					insert into assessment_flag (id, assessment_id, patient_id, code, severity, label)
					values (?, ?, ?, ?, ?, ?)""")
				.params(Ids.newId(), id, row.patient().value(), f.code(), f.severity().name(), f.label()).update();
		}
		LocalDate today = LocalDate.now(calendar().zone());
		for (ScoreResult.Need need : result.needs()) {
			UUID needId = Ids.newId();
			int made = jdbc.sql("""
					insert into social_need (id, patient_id, code, label, loinc, assessment_id, identified_on, status)
					values (?, ?, ?, ?, ?, ?, ?, 'OPEN')
					on conflict (patient_id, code) where status = 'OPEN' do nothing""")
				.params(needId, row.patient().value(), need.code(), need.label(), need.loinc(), id, today).update();
			if (made > 0) events.publishEvent(new org.caremap.assessment.SocialNeedIdentified(needId, row.patient(), need.code(), today));
		}
		if (result.urgent()) {
			// the case manager hears of it from the event (notification module)
			events.publishEvent(new SafetyFlagRaised(row.patient(), row.caseId(), id, instrument.title(),
					result.flags().stream().filter(f -> f.severity() == Scoring.Severity.URGENT).findFirst().orElseThrow().label()));
		}
		for (String next : result.assign()) {
			// not when one is open, or one was completed in the last 14 days
			boolean alreadyOpen = jdbc.sql("""
					select count(*) from assessment where patient_id = ? and instrument_key = ?
					  and (status in ('ASSIGNED', 'IN_PROGRESS')
					       or (status = 'COMPLETED' and completed_at > now() - interval '14 days'))""")
				.params(row.patient().value(), next).query(Long.class).single() > 0;
			// the rules' decision (the answer itself was allowed): assigned as the case manager would, not at home
			if (!alreadyOpen && instruments.current(next).isPresent()) assignChecked(row.patient(), row.caseId(), next, today, false);
		}
		audit.record(AuditEntry.write("COMPLETE", "Assessment", id.toString(), row.patient()));
		// the follow-up work and the end of the assessment's own task are the task module's (its listener)
		events.publishEvent(new AssessmentCompleted(id, row.patient(), row.caseId(), row.key(), instrument.title(),
				result.suggestions(), result.urgent(), ownerFor(row.caseId()),
				result.tasks().stream().map(t -> new AssessmentCompleted.FollowUp(t.title(), t.priority(), t.dueHours(),
						t.rule() == null ? null : AssessmentCompleted.FollowUp.titleKey(row.key(), t.rule()))).toList(),
				primary == null ? null : primary.value(), java.time.Instant.now()));
		return result;
	}

	@Override
	public UUID record(PatientId patient, String instrumentKey, @Nullable Integer seq, Answers answers,
			@Nullable Respondent respondent, boolean complete) {
		access.require(patient, AccessPurpose.WRITE);
		record Open(UUID id, int seq, int version) {
		}
		Optional<Open> open = jdbc.sql("""
				select id, instrument_seq, version from assessment
				where patient_id = ? and instrument_key = ? and status in ('ASSIGNED', 'IN_PROGRESS') for update""")
			.params(patient.value(), instrumentKey)
			.query((rs, n) -> new Open(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3))).list().stream().findFirst();
		Instrument instrument = (open.isPresent() ? instruments.version(instrumentKey, open.get().seq())
				: instruments.current(instrumentKey))
			.orElseThrow(() -> new DomainException("assessment.unknown-instrument", "no instrument " + instrumentKey, instrumentKey));
		if (seq != null && seq != instrument.seq()) {
			throw new DomainException("assessment.other-version", "the answers are to another version of " + instrument.title(),
					instrument.title(), instrument.version());
		}
		Map<String, String> problems = Scorer.problems(instrument, answers, complete);
		if (!problems.isEmpty()) throw new AnswersRejected(problems);
		UUID id;
		int version;
		if (open.isPresent()) {
			id = open.get().id();
			version = open.get().version();
		}
		else {
			// the latest open case the recorder sees (not a substance-use program's they are outside of)
			Part2Segment segment = segmentation.part2(patient);
			CaseId caseId = cases.ofPatient(patient).stream().filter(c -> c.status() != org.caremap.caseload.CaseStatus.CLOSED)
				.filter(c -> !segment.withholds(c.id().value()))
				.max(java.util.Comparator.comparing(CaseView::startDate)).map(CaseView::id).orElse(null);
			id = assign(patient, caseId, instrumentKey, LocalDate.now(calendar().zone()));
			version = 0;
		}
		if (complete) complete(id, answers, respondent, version);
		else save(id, answers, respondent, version);
		return id;
	}

	@Override
	public void cancel(UUID id, String reason) {
		if (reason == null || reason.isBlank()) throw new DomainException("assessment.reason-required", "give a reason");
		int version = jdbc.sql("select version from assessment where id = ?").param(id).query(Integer.class).optional()
			.orElseThrow(() -> new NotFoundException("assessment", id));
		Row row = lockOpen(id, version);
		jdbc.sql("""
				update assessment set status = 'CANCELLED', closed_reason = ?, version = version + 1, updated_at = now(),
				       updated_by = ? where id = ?""")
			.params(reason.trim(), CurrentActor.name(), id).update();
		events.publishEvent(new AssessmentCancelled(id, row.patient(), "Assessment cancelled: " + reason.trim()));
		audit.record(AuditEntry.write("CANCEL", "Assessment", id.toString(), row.patient()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<AssessmentFlag> flags(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		List<AssessmentFlag> flags = jdbc.sql("""
				select f.*, v.title, a.case_id from assessment_flag f
				join assessment a on a.id = f.assessment_id
				join instrument_version v on v.key = a.instrument_key and v.seq = a.instrument_seq
				where f.patient_id = ?
				order by (f.addressed_at is null) desc, case f.severity when 'URGENT' then 0 when 'HIGH' then 1 else 2 end,
				         f.raised_at desc""")
			.param(patient.value())
			.query((rs, n) -> new AssessmentFlag(rs.getObject("id", UUID.class), rs.getObject("assessment_id", UUID.class),
					patient, rs.getString("code"), Scoring.Severity.valueOf(rs.getString("severity")), rs.getString("label"),
					rs.getString("title"), instant(rs, "raised_at"), instant(rs, "addressed_at"), rs.getString("addressed_by"),
					rs.getString("addressed_note"), segment.labels(rs.getObject("case_id", UUID.class))))
			.list();
		// a flag raised by an assessment of a Part 2 program is withheld with it (its very existence is the program's)
		flags = flags.stream().filter(f -> !f.part2() || segment.shown()).toList();
		audit.record(new AuditEntry("READ", "Flag", null, patient, AuditOutcome.SUCCESS, flags.size() + " flags"));
		return flags;
	}

	@Override
	public void addressFlag(UUID flag, String note) {
		if (note == null || note.isBlank()) throw new DomainException("assessment.flag-note", "say how it was addressed");
		record Owner(PatientId patient, @Nullable UUID caseId) {
		}
		Owner owner = jdbc.sql("""
				select f.patient_id, a.case_id from assessment_flag f join assessment a on a.id = f.assessment_id where f.id = ?""")
			.param(flag)
			.query((rs, n) -> new Owner(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).optional()
			.orElseThrow(() -> new NotFoundException("flag", flag));
		PatientId patient = owner.patient();
		access.require(patient, AccessPurpose.WRITE);
		visible(patient, owner.caseId(), "UPDATE", "Flag", flag);
		int n = jdbc.sql("""
				update assessment_flag set addressed_at = now(), addressed_by = ?, addressed_note = ?
				where id = ? and addressed_at is null""")
			.params(CurrentActor.name(), note.trim(), flag).update();
		if (n == 0) throw new DomainException("assessment.flag-addressed", "the flag was addressed already");
		audit.record(AuditEntry.write("UPDATE", "Flag", flag.toString(), patient));
	}

	@Override
	@Transactional(readOnly = true)
	public List<SocialNeed> needs(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		List<SocialNeed> needs = jdbc.sql("""
				select n.*, a.case_id from social_need n left join assessment a on a.id = n.assessment_id
				where n.patient_id = ?
				order by (n.status = 'OPEN') desc, n.identified_on desc, n.label""")
			.param(patient.value())
			.query((rs, n) -> new SocialNeed(rs.getObject("id", UUID.class), patient, rs.getString("code"),
					rs.getString("label"), rs.getString("loinc"), rs.getObject("assessment_id", UUID.class),
					rs.getObject("identified_on", LocalDate.class), "OPEN".equals(rs.getString("status")),
					rs.getString("resolution"), instant(rs, "resolved_at"), rs.getString("resolved_by"),
					segment.labels(rs.getObject("case_id", UUID.class))))
			.list();
		// a need found by an assessment of a Part 2 program is withheld with it
		needs = needs.stream().filter(need -> !need.part2() || segment.shown()).toList();
		audit.record(new AuditEntry("READ", "SocialNeed", null, patient, AuditOutcome.SUCCESS, needs.size() + " needs"));
		return needs;
	}

	@Override
	public void resolveNeed(UUID need, String resolution) {
		if (resolution == null || resolution.isBlank()) throw new DomainException("assessment.need-resolution", "say how");
		record Owner(PatientId patient, @Nullable UUID caseId) {
		}
		Owner owner = jdbc.sql("""
				select n.patient_id, a.case_id from social_need n left join assessment a on a.id = n.assessment_id where n.id = ?""")
			.param(need)
			.query((rs, n) -> new Owner(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).optional()
			.orElseThrow(() -> new NotFoundException("social need", need));
		PatientId patient = owner.patient();
		access.require(patient, AccessPurpose.WRITE);
		visible(patient, owner.caseId(), "UPDATE", "SocialNeed", need);
		int n = jdbc.sql("""
				update social_need set status = 'RESOLVED', resolution = ?, resolved_at = now(), resolved_by = ?
				where id = ? and status = 'OPEN'""")
			.params(resolution.trim(), CurrentActor.name(), need).update();
		if (n == 0) throw new DomainException("assessment.need-resolved", "the need was resolved already");
		audit.record(AuditEntry.write("UPDATE", "SocialNeed", need.toString(), patient));
		events.publishEvent(new org.caremap.assessment.SocialNeedResolved(need, patient, java.time.Instant.now()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<ScorePoint> history(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		UUID[] withheld = segment.withheldCases().toArray(UUID[]::new);
		List<ScorePoint> points = jdbc.sql("""
				select a.id, a.instrument_key, v.title, a.completed_at, a.total, a.band_label, a.positive, a.case_id
				from assessment a join instrument_version v on v.key = a.instrument_key and v.seq = a.instrument_seq
				where a.patient_id = ? and a.status = 'COMPLETED' and a.total is not null
				  and (a.case_id is null or not (a.case_id = any(?)))
				order by a.completed_at""")
			.params(patient.value(), withheld)
			.query((rs, n) -> new ScorePoint(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getBigDecimal(5), rs.getString(6), rs.getBoolean(7),
					segment.labels(rs.getObject(8, UUID.class))))
			.list();
		audit.record(new AuditEntry("READ", "Observation", null, patient, AuditOutcome.SUCCESS, points.size() + " scores"));
		return points;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Suggestion> suggestions(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		UUID[] withheld = segmentation.part2(patient).withheldCases().toArray(UUID[]::new);
		List<Suggestion> out = new ArrayList<>();
		// the latest of each instrument the reader may see (a Part 2 program's assessments left out for readers outside)
		jdbc.sql("""
				select distinct on (a.instrument_key) a.id, v.title, a.completed_at, a.result
				from assessment a join instrument_version v on v.key = a.instrument_key and v.seq = a.instrument_seq
				where a.patient_id = ? and a.status = 'COMPLETED' and (a.case_id is null or not (a.case_id = any(?)))
				order by a.instrument_key, a.completed_at desc""")
			.params(patient.value(), withheld)
			.query((rs, n) -> {
				ScoreResult r = JSON.readValue(rs.getString(4), ScoreResult.class);
				for (String code : r.suggestions()) {
					out.add(new Suggestion(code, rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()));
				}
				return 1;
			})
			.list();
		audit.record(new AuditEntry("READ", "Assessment", null, patient, AuditOutcome.SUCCESS, out.size() + " suggestions"));
		return out;
	}

	private static @Nullable CaseId caseId(@Nullable UUID value) {
		return value == null ? null : new CaseId(value);
	}

	private AssessmentView read(ResultSet rs, Part2Segment segment) throws SQLException {
		String key = rs.getString("instrument_key");
		int seq = rs.getInt("instrument_seq");
		Instrument instrument = instruments.version(key, seq).orElseThrow();
		String result = rs.getString("result");
		String respondent = rs.getString("respondent");
		Map<String, List<String>> answers = JSON.readValue(rs.getString("answers"), ANSWERS);
		return new AssessmentView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				caseId(rs.getObject("case_id", UUID.class)), key, seq, instrument.title(), instrument.version(),
				AssessmentStatus.valueOf(rs.getString("status")), rs.getObject("due_on", LocalDate.class),
				Answers.of(new LinkedHashMap<>(answers)), respondent == null ? null : Respondent.valueOf(respondent),
				result == null ? null : JSON.readValue(result, ScoreResult.class), instant(rs, "assigned_at"),
				rs.getString("assigned_by"), instant(rs, "started_at"), instant(rs, "completed_at"),
				rs.getString("completed_by"), rs.getString("closed_reason"), rs.getInt("version"), rs.getBoolean("at_home"),
				segment.labels(rs.getObject("case_id", UUID.class)));
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		java.sql.Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
