package org.caremap.utilization.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.CareRelationships;
import org.caremap.access.PatientAccess;
import org.caremap.access.RelationshipKind;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.PatientsMerged;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.shared.UserId;
import org.caremap.transition.EncounterRecord;
import org.caremap.transition.EncounterView;
import org.caremap.transition.Transitions;
import org.caremap.utilization.AvoidableDayReason;
import org.caremap.utilization.ConcurrentReviews;
import org.caremap.utilization.CriteriaSet;
import org.caremap.utilization.DischargeBarrier;
import org.caremap.utilization.LevelOfCare;
import org.caremap.utilization.NewStayReviewEntry;
import org.caremap.utilization.PayerReviewer;
import org.caremap.utilization.ReviewQueuePage;
import org.caremap.utilization.ReviewQueueQuery;
import org.caremap.utilization.StayReviewClosed;
import org.caremap.utilization.StayReviewEntry;
import org.caremap.utilization.StayReviewOpened;
import org.caremap.utilization.StayReviewRecorded;
import org.caremap.utilization.StayReviewStatus;
import org.caremap.utilization.StayReviewView;
import org.caremap.utilization.StayReviewWork;
import org.caremap.utilization.StayReviewerChanged;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The concurrent reviews, in {@code stay_review} and {@code stay_review_entry}. A review follows its stay: the hospital
 * feed's events are reconciled with the stay as the transition module holds it now ({@link #follow}), so an event seen
 * twice, late or out of order changes nothing wrongly. Status moves go through {@code stay_review_transition} in the
 * update itself. Recording a review is the reviewer's own work (their relationship opens the record for reading;
 * being the stay's reviewer, or a supervisor who may read the record, lets them record); every read of a patient's
 * review and every change is audited.
 */
@Service
@Transactional
class JdbcConcurrentReviews implements ConcurrentReviews {

	static final String RESOURCE = "StayReview";
	private static final String OPEN_STATUS = "IN_PROGRESS";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final CareRelationships relationships;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final Organizations organizations;
	private final UserAccounts accounts;
	private final PatientRegistry patients;
	private final Transitions transitions;
	private final ReviewProperties properties;

	JdbcConcurrentReviews(JdbcClient jdbc, PatientAccess access, CareRelationships relationships, AuditTrail audit,
			ApplicationEventPublisher events, Organizations organizations, UserAccounts accounts, PatientRegistry patients,
			Transitions transitions, ReviewProperties properties) {
		this.jdbc = jdbc;
		this.access = access;
		this.relationships = relationships;
		this.audit = audit;
		this.events = events;
		this.organizations = organizations;
		this.accounts = accounts;
		this.patients = patients;
		this.transitions = transitions;
		this.properties = properties;
	}

	/** The source of a reviewer's relationship with the patient of one review. */
	static String source(UUID review) {
		return "stay-review:" + review;
	}

	private BusinessCalendar calendar() {
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
		return organizations.calendar(org.id());
	}

	// ---------------------------------------------------------------- the queue and the stay

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('UTILIZATION_REVIEW', 'SUPERVISOR')")
	public ReviewQueuePage queue(ReviewQueueQuery query, int offset, int limit) {
		CurrentUser me = CurrentUser.require();
		boolean everyone = me.has(Role.SUPERVISOR);
		BusinessCalendar calendar = calendar();
		LocalDate today = LocalDate.now(calendar.zone());
		StringBuilder where = new StringBuilder("status = 'OPEN'");
		Map<String, Object> params = new HashMap<>();
		if (!everyone) {
			where.append(" and reviewer_id = :me");
			params.put("me", me.id().value());
		}
		else {
			if (query.unassigned()) where.append(" and reviewer_id is null");
			else if (query.reviewer() != null) {
				where.append(" and reviewer_id = :reviewer");
				params.put("reviewer", query.reviewer());
			}
			if (query.payer() != null && !query.payer().isBlank()) {
				where.append(" and payer = :payer");
				params.put("payer", query.payer().strip());
			}
		}
		params.put("today", today);
		String counted = "select count(*), count(*) filter (where next_review_on < :today) from stay_review where "
				+ where;
		long[] counts = jdbc.sql(counted).params(params).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		if (query.overdueOnly()) where.append(" and next_review_on < :today");
		params.put("limit", Math.max(1, Math.min(limit, 200)));
		params.put("offset", Math.max(0, offset));
		List<StayReviewView> rows = jdbc.sql("select * from stay_review where " + where
				+ " order by next_review_on, admitted_at, id limit :limit offset :offset")
			.params(params).query((rs, n) -> view(rs, calendar, today)).list();
		audit.recordAll(rows.stream().map(r -> new AuditEntry("READ", RESOURCE, r.id().toString(), r.patient(),
				AuditOutcome.SUCCESS, "review queue")).toList());
		return new ReviewQueuePage(rows, query.overdueOnly() ? counts[1] : counts[0], counts[1], everyone);
	}

	private Optional<StayReviewView> load(UUID review) {
		BusinessCalendar calendar = calendar();
		LocalDate today = LocalDate.now(calendar.zone());
		return jdbc.sql("select * from stay_review where id = ?").param(review).query((rs, n) -> view(rs, calendar, today)).optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<StayReviewView> find(UUID review) {
		Optional<StayReviewView> found = load(review);
		found.ifPresent(r -> {
			access.require(r.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(RESOURCE, review.toString(), r.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public List<StayReviewEntry> entries(UUID review) {
		StayReviewView r = load(review).orElseThrow(() -> new NotFoundException("stay review", review));
		access.require(r.patient(), AccessPurpose.READ);
		List<StayReviewEntry> list = jdbc.sql("select * from stay_review_entry where review_id = ? order by created_at desc, id")
			.param(review).query(JdbcConcurrentReviews::entry).list();
		audit.record(new AuditEntry("READ", RESOURCE, review.toString(), r.patient(), AuditOutcome.SUCCESS,
				list.size() + " reviews"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public List<StayReviewView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		BusinessCalendar calendar = calendar();
		LocalDate today = LocalDate.now(calendar.zone());
		List<StayReviewView> list = jdbc.sql("select * from stay_review where patient_id = ? order by admitted_at desc, id")
			.param(patient.value()).query((rs, n) -> view(rs, calendar, today)).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, list.size() + " stays under review"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('UTILIZATION_REVIEW', 'SUPERVISOR')")
	public Optional<StayReviewWork> work(UUID review) {
		Optional<StayReviewView> found = load(review);
		if (found.isEmpty()) return Optional.empty();
		StayReviewView r = found.get();
		CurrentUser me = CurrentUser.require();
		boolean supervisor = me.has(Role.SUPERVISOR);
		if (supervisor && !access.permits(r.patient(), AccessPurpose.READ)) {
			audit.record(new AuditEntry("READ", RESOURCE, review.toString(), r.patient(), AuditOutcome.SUCCESS, "review queue"));
			return Optional.of(new StayReviewWork(r, List.of(), false, false, true));
		}
		access.require(r.patient(), AccessPurpose.READ);
		List<StayReviewEntry> list = entries(review);
		boolean mine = me.id().equals(r.reviewer());
		return Optional.of(new StayReviewWork(r, list, true, r.open() && (mine || supervisor), supervisor && r.open()));
	}

	// ---------------------------------------------------------------- recording and reassigning

	@Override
	@PreAuthorize("hasAnyRole('UTILIZATION_REVIEW', 'SUPERVISOR')")
	public UUID record(UUID review, NewStayReviewEntry e, int version) {
		StayReviewView r = load(review).orElseThrow(() -> new NotFoundException("stay review", review));
		access.require(r.patient(), AccessPurpose.READ);
		CurrentUser me = CurrentUser.require();
		if (!me.id().equals(r.reviewer()) && !me.has(Role.SUPERVISOR)) {
			audit.record(new AuditEntry("CREATE", RESOURCE, review.toString(), r.patient(), AuditOutcome.DENIED,
					"not the reviewer of this stay"));
			throw new AccessDeniedException("only the stay's reviewer (or a supervisor) records its reviews");
		}
		if (!r.open()) throw new DomainException("review.closed", "the stay's review is " + r.status(), words(r.status().name()));
		BusinessCalendar calendar = calendar();
		LocalDate today = LocalDate.now(calendar.zone());
		String note = Texts.orNull(e.necessityNote());
		if (note == null) throw new DomainException("review.note-required", "say why the stay is or is not medically necessary");
		if (note.length() > 4000) throw new DomainException("review.too-long", "the note is too long", "4000", "necessityNote");
		String criteriaName = Texts.orNull(e.criteriaName());
		if (e.criteriaSet() == CriteriaSet.OTHER && criteriaName == null) {
			throw new DomainException("review.criteria-name", "name the criteria set used");
		}
		if (e.criteriaSet() != CriteriaSet.OTHER) criteriaName = null;
		if (criteriaName != null && criteriaName.length() > 120) throw new DomainException("review.too-long", "the criteria name is too long", "120", "criteriaName");
		String reference = Texts.orNull(e.criteriaReference());
		if (reference != null && reference.length() > 200) throw new DomainException("review.too-long", "the reference is too long", "200", "criteriaReference");
		if (e.avoidableDays() < 0 || e.avoidableDays() > 60) {
			throw new DomainException("review.avoidable-days", "avoidable days are from 0 to 60", "60");
		}
		AvoidableDayReason reason = e.avoidableDays() == 0 ? null : e.avoidableReason();
		if (e.avoidableDays() > 0 && reason == null) {
			throw new DomainException("review.avoidable-reason", "say why the days were avoidable");
		}
		String barriersNote = Texts.orNull(e.barriersNote());
		if (barriersNote != null && barriersNote.length() > 1000) throw new DomainException("review.too-long", "the note on barriers is too long", "1000", "barriersNote");
		if (e.barriers().contains(DischargeBarrier.OTHER) && barriersNote == null) {
			throw new DomainException("review.barrier-note", "say what the other barrier is");
		}
		LocalDate next = e.nextReviewOn();
		if (!next.isAfter(today)) throw new DomainException("review.next-past", "the next review is after today");
		if (next.isAfter(today.plusDays(properties.latestNextReviewDays()))) {
			throw new DomainException("review.next-too-far", "the next review is too far ahead",
					String.valueOf(properties.latestNextReviewDays()));
		}
		if (!calendar.isBusinessDay(next)) {
			throw new DomainException("review.next-not-business-day", "the next review falls on a weekend or holiday",
					calendar.businessDaysAfter(next, 0));
		}
		UUID id = Ids.newId();
		int day = (int) ChronoUnit.DAYS.between(r.admittedAt().atZone(calendar.zone()).toLocalDate(), today) + 1;
		jdbc.sql("""
				insert into stay_review_entry (id, review_id, patient_id, reviewed_on, day_of_stay, level_of_care, criteria_met,
				    criteria_set, criteria_name, criteria_reference, necessity_note, avoidable_days, avoidable_reason, barriers,
				    barriers_note, next_review_on, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, review, r.patient().value(), today, Math.max(1, day), e.levelOfCare().name(), e.criteriaMet(),
					e.criteriaSet().name(), criteriaName, reference, note, e.avoidableDays(), reason == null ? null : reason.name(),
					e.barriers().stream().distinct().map(Enum::name).toArray(String[]::new), barriersNote, next, CurrentActor.name())
			.update();
		int changed = jdbc.sql("""
				update stay_review set next_review_on = ?, reviews = reviews + 1, last_review_at = now(), last_met = ?,
				       last_entry_id = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and version = ? and status = 'OPEN'""")
			.params(next, e.criteriaMet(), id, CurrentActor.name(), review, version).update();
		if (changed == 0) throw new DomainException("review.stale", "the stay's review was changed by someone else in the meantime");
		audit.record(new AuditEntry("CREATE", RESOURCE, review.toString(), r.patient(), AuditOutcome.SUCCESS,
				"review " + id + (e.criteriaMet() ? ": criteria met" : ": criteria not met")));
		events.publishEvent(new StayReviewRecorded(r.patient(), review, id, e.criteriaMet(), next));
		return id;
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public void reassign(UUID review, UserId reviewer, String reason) {
		StayReviewView r = load(review).orElseThrow(() -> new NotFoundException("stay review", review));
		String why = Texts.orNull(reason);
		if (why == null) throw new DomainException("review.reason-required", "say why");
		if (why.length() > 500) throw new DomainException("review.too-long", "the reason is too long", "500", "reason");
		if (!r.open()) throw new DomainException("review.closed", "the stay's review is " + r.status(), words(r.status().name()));
		UserView to = accounts.find(reviewer).filter(u -> u.enabled() && u.has(Role.UTILIZATION_REVIEW))
			.orElseThrow(() -> new DomainException("review.not-a-reviewer", "not a utilization reviewer"));
		if (to.id().equals(r.reviewer())) throw new DomainException("review.same-reviewer", "already the stay's reviewer");
		int changed = jdbc.sql("""
				update stay_review set reviewer_id = ?, version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and status = 'OPEN' and reviewer_id is not distinct from ?""")
			.params(to.id().value(), CurrentActor.name(), review, r.reviewer() == null ? null : r.reviewer().value()).update();
		if (changed == 0) throw new DomainException("review.stale", "the stay's review was changed by someone else in the meantime");
		if (r.reviewer() != null) relationships.end(r.reviewer(), r.patient(), RelationshipKind.UTILIZATION_REVIEW, source(review));
		relationships.open(to.id(), r.patient(), RelationshipKind.UTILIZATION_REVIEW, source(review));
		audit.record(new AuditEntry("REASSIGN", RESOURCE, review.toString(), r.patient(), AuditOutcome.SUCCESS,
				"to " + to.username() + ": " + why));
		events.publishEvent(new StayReviewerChanged(r.patient(), review, to.id()));
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'SYSTEM')")
	public List<UserView> reviewers() {
		return accounts.withRole(Role.UTILIZATION_REVIEW).stream().filter(UserView::enabled)
			.sorted(Comparator.comparing(UserView::displayName).thenComparing(u -> u.id().value())).toList();
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SUPERVISOR')")
	public List<PayerReviewer> payerReviewers() {
		return jdbc.sql("select payer, reviewer_id from stay_review_payer_reviewer order by lower(payer)")
			.query((rs, n) -> new PayerReviewer(rs.getString(1), new UserId(rs.getObject(2, UUID.class)))).list();
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public void namePayerReviewer(String payer, @Nullable UserId reviewer) {
		String name = Texts.orNull(payer);
		if (name == null) throw new DomainException("review.payer-required", "name the payer");
		if (name.length() > 200) throw new DomainException("review.too-long", "the payer's name is too long", "200", "payer");
		if (reviewer == null) {
			jdbc.sql("delete from stay_review_payer_reviewer where lower(payer) = lower(?)").param(name).update();
			audit.record(new AuditEntry("UPDATE", "StayReviewPayer", name, null, AuditOutcome.SUCCESS, "least loaded reviewer"));
			return;
		}
		UserView to = accounts.find(reviewer).filter(u -> u.enabled() && u.has(Role.UTILIZATION_REVIEW))
			.orElseThrow(() -> new DomainException("review.not-a-reviewer", "not a utilization reviewer"));
		jdbc.sql("delete from stay_review_payer_reviewer where lower(payer) = lower(?)").param(name).update();
		jdbc.sql("insert into stay_review_payer_reviewer (payer, reviewer_id, updated_by) values (?, ?, ?)")
			.params(name, to.id().value(), CurrentActor.name()).update();
		audit.record(new AuditEntry("UPDATE", "StayReviewPayer", name, null, AuditOutcome.SUCCESS, "to " + to.username()));
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SUPERVISOR')")
	public List<String> openPayers() {
		return jdbc.sql("select distinct payer from stay_review where status = 'OPEN' order by payer").query(String.class).list();
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SYSTEM')")
	public Optional<ReviewState> state(UUID review) {
		return jdbc.sql("""
				select id, patient_id, status, reviewer_id, next_review_on, opened_count, last_entry_id, facility, reviews
				from stay_review where id = ?""")
			.param(review)
			.query((rs, n) -> {
				UUID last = rs.getObject("last_entry_id", UUID.class);
				UUID reviewer = rs.getObject("reviewer_id", UUID.class);
				int opened = rs.getInt("opened_count");
				// a new round with each recorded review and each reopening of the stay
				String round = last == null ? "open-" + opened : "entry-" + last + (opened > 1 ? "-open-" + opened : "");
				return new ReviewState(review, new PatientId(rs.getObject("patient_id", UUID.class)),
						StayReviewStatus.valueOf(rs.getString("status")), reviewer == null ? null : new UserId(reviewer),
						rs.getObject("next_review_on", LocalDate.class), round, rs.getString("facility"), rs.getInt("reviews"));
			})
			.optional();
	}

	// ---------------------------------------------------------------- following the stay (the feed's events)

	/**
	 * Brings the review of a stay in line with the stay as the transition module holds it now: an open inpatient stay
	 * of a covered patient is under review (opened, or opened again); a finished stay's review is closed, a cancelled
	 * (or vanished) one's cancelled. Run by the listeners of every feed event, as Caremap itself; one stay at a time.
	 * Only an admission or a cancelled discharge ({@code mayOpen}) opens a review the stay does not have yet.
	 */
	void follow(UUID encounter, boolean mayOpen) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("stay-review-encounter:" + encounter)
			.query((rs, n) -> 1).list();
		Optional<Current> current = jdbc.sql("select id, patient_id, status, reviewer_id from stay_review where encounter_id = ?")
			.param(encounter)
			.query((rs, n) -> new Current(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					StayReviewStatus.valueOf(rs.getString(3)), rs.getObject(4, UUID.class)))
			.optional();
		if (current.isEmpty() && !mayOpen) return;
		Optional<EncounterRecord> record = transitions.encounter(encounter);
		Optional<EncounterView> stay = record.map(EncounterRecord::encounter);
		boolean inHospital = stay.filter(s -> OPEN_STATUS.equals(s.status()) && "I".equals(s.patientClass())).isPresent();
		if (inHospital) {
			if (current.isEmpty()) open(record.orElseThrow());
			else if (current.get().status() != StayReviewStatus.OPEN) reopen(current.get());
			return;
		}
		if (current.isEmpty() || current.get().status() != StayReviewStatus.OPEN) return;
		boolean finished = stay.filter(s -> "FINISHED".equals(s.status())).isPresent();
		if (finished) close(current.get(), StayReviewStatus.Action.CLOSE, stay.get().dischargedAt(), "discharged");
		else close(current.get(), StayReviewStatus.Action.CANCEL, null, "admission cancelled");
	}

	private record Current(UUID id, PatientId patient, StayReviewStatus status, @Nullable UUID reviewer) {
	}

	private void open(EncounterRecord record) {
		EncounterView stay = record.encounter();
		PatientId patient = record.patient();
		BusinessCalendar calendar = calendar();
		LocalDate today = LocalDate.now(calendar.zone());
		Optional<Coverage> coverage = patients.details(patient).stream().flatMap(d -> d.coverage().stream())
			.filter(c -> c.activeOn(today)).min(Comparator.comparingInt(Coverage::priority));
		if (coverage.isEmpty()) return; // not covered: no payer to review the stay for
		Coverage c = coverage.get();
		Instant admitted = stay.admittedAt() != null ? stay.admittedAt() : Instant.now();
		ExpectedStay.Expected expected = ExpectedStay.of(properties, stay.diagnoses(), stay.admissionType());
		LocalDate next = calendar.businessDaysAfter(admitted.atZone(calendar.zone()).toLocalDate(), properties.firstReviewBusinessDays());
		UserId reviewer = chooseReviewer(c.payer());
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into stay_review (id, encounter_id, patient_id, facility, location, admission_type, admitted_at, payer,
				    plan, member_id, expected_days, expected_basis, reviewer_id, status, next_review_on, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
			.params(id, stay.id(), patient.value(), cut(stay.facility(), 200), cut(stay.location(), 200),
					cut(stay.admissionType(), 20), Timestamp.from(admitted), cut(c.payer(), 200), cut(c.plan(), 200),
					cut(c.memberId(), 100), expected.days(), cut(expected.basis(), 200),
					reviewer == null ? null : reviewer.value(), next, CurrentActor.name(), CurrentActor.name())
			.update();
		if (reviewer != null) relationships.open(reviewer, patient, RelationshipKind.UTILIZATION_REVIEW, source(id));
		audit.record(new AuditEntry("CREATE", RESOURCE, id.toString(), patient, AuditOutcome.SUCCESS,
				"stay at " + stay.facility() + " under review for " + c.payer()));
		events.publishEvent(new StayReviewOpened(patient, id, stay.id()));
	}

	/**
	 * The reviewer of a payer's stays when a supervisor named one (and they still review), else the reviewer with the
	 * fewest open stays (ties by name); nobody when there is no reviewer at all (the supervisor assigns one).
	 */
	private @Nullable UserId chooseReviewer(String payer) {
		List<UserView> reviewers = reviewers();
		if (reviewers.isEmpty()) return null;
		Optional<UUID> named = jdbc.sql("select reviewer_id from stay_review_payer_reviewer where lower(payer) = lower(?)")
			.param(payer).query(UUID.class).optional();
		if (named.isPresent()) {
			for (UserView r : reviewers) {
				if (r.id().value().equals(named.get())) return r.id();
			}
		}
		Map<UUID, Long> load = new HashMap<>();
		jdbc.sql("select reviewer_id, count(*) from stay_review where status = 'OPEN' and reviewer_id is not null group by reviewer_id")
			.query((rs, n) -> load.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
		UserView least = reviewers.get(0);
		for (UserView r : reviewers) {
			if (load.getOrDefault(r.id().value(), 0L) < load.getOrDefault(least.id().value(), 0L)) least = r;
		}
		return least.id();
	}

	private void reopen(Current c) {
		move(c.id(), StayReviewStatus.Action.REOPEN, null, "stay open again");
	}

	private void close(Current c, StayReviewStatus.Action action, @Nullable Instant discharged, String why) {
		move(c.id(), action, discharged, why);
	}

	/**
	 * One move of the state machine, guarded in the update by {@code stay_review_transition} (a review not in a status
	 * the action starts from is left as it is: {@code false}), with what goes with it: the reviewer's relationship with
	 * the patient ends when the review ends and starts again when it reopens (with the next review due today, or the
	 * next business day), the move is audited and its event published.
	 */
	boolean move(UUID review, StayReviewStatus.Action action, @Nullable Instant discharged, String why) {
		boolean reopening = action == StayReviewStatus.Action.REOPEN;
		BusinessCalendar calendar = calendar();
		LocalDate next = calendar.businessDaysAfter(LocalDate.now(calendar.zone()), 0);
		Optional<Current> moved = jdbc.sql("""
				update stay_review r set status = t.to_status,
				       closed_at = case when t.to_status = 'OPEN' then null else now() end,
				       close_reason = case when t.to_status = 'OPEN' then null else cast(:why as text) end,
				       discharged_at = case when t.to_status = 'OPEN' then null else cast(:discharged as timestamptz) end,
				       next_review_on = case when t.to_status = 'OPEN' then cast(:next as date) else r.next_review_on end,
				       opened_count = r.opened_count + case when t.to_status = 'OPEN' then 1 else 0 end,
				       version = r.version + 1, updated_at = now(), updated_by = :by
				from stay_review_transition t
				where r.id = :id and t.action = :action and t.from_status = r.status
				returning r.id, r.patient_id, r.status, r.reviewer_id""")
			.param("why", why).param("discharged", discharged == null ? null : Timestamp.from(discharged))
			.param("next", next).param("by", CurrentActor.name()).param("id", review).param("action", action.key())
			.query((rs, n) -> new Current(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					StayReviewStatus.valueOf(rs.getString(3)), rs.getObject(4, UUID.class)))
			.optional();
		if (moved.isEmpty()) return false;
		Current c = moved.get();
		if (c.reviewer() != null) {
			if (reopening) relationships.open(new UserId(c.reviewer()), c.patient(), RelationshipKind.UTILIZATION_REVIEW, source(c.id()));
			else relationships.end(new UserId(c.reviewer()), c.patient(), RelationshipKind.UTILIZATION_REVIEW, source(c.id()));
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, c.id().toString(), c.patient(), AuditOutcome.SUCCESS,
				action.key() + " -> " + action.to() + " (" + why + ")"));
		if (reopening) {
			UUID encounter = jdbc.sql("select encounter_id from stay_review where id = ?").param(c.id()).query(UUID.class).single();
			events.publishEvent(new StayReviewOpened(c.patient(), c.id(), encounter));
		}
		else {
			events.publishEvent(new StayReviewClosed(c.patient(), c.id(), action.to()));
		}
		return true;
	}

	/** The reviews of a merged record move to the surviving one. */
	@EventListener
	void on(PatientsMerged merged) {
		jdbc.sql("update stay_review set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value()).update();
		// the database lets a recorded review change its patient and nothing else
		jdbc.sql("update stay_review_entry set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value()).update();
	}

	// ---------------------------------------------------------------- rows

	private static @Nullable String cut(@Nullable String text, int max) {
		if (text == null) return null;
		String t = text.strip();
		return t.length() > max ? t.substring(0, max) : t;
	}

	private static String words(String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static StayReviewView view(ResultSet rs, BusinessCalendar calendar, LocalDate today) throws SQLException {
		Instant admitted = instant(rs, "admitted_at");
		Instant discharged = instant(rs, "discharged_at");
		LocalDate admittedOn = admitted.atZone(calendar.zone()).toLocalDate();
		LocalDate until = discharged != null ? discharged.atZone(calendar.zone()).toLocalDate() : today;
		int day = (int) Math.max(1, ChronoUnit.DAYS.between(admittedOn, until) + 1);
		LocalDate next = rs.getObject("next_review_on", LocalDate.class);
		int dueIn = next.isBefore(today) ? -Math.max(1, calendar.businessDaysBetween(next, today))
				: calendar.businessDaysBetween(today, next);
		UUID reviewer = rs.getObject("reviewer_id", UUID.class);
		Object met = rs.getObject("last_met");
		return new StayReviewView(rs.getObject("id", UUID.class), rs.getObject("encounter_id", UUID.class),
				new PatientId(rs.getObject("patient_id", UUID.class)), rs.getString("facility"), rs.getString("location"),
				rs.getString("admission_type"), admitted, rs.getString("payer"), rs.getString("plan"), rs.getString("member_id"),
				rs.getInt("expected_days"), rs.getString("expected_basis"), reviewer == null ? null : new UserId(reviewer),
				StayReviewStatus.valueOf(rs.getString("status")), next, rs.getInt("reviews"), instant(rs, "last_review_at"),
				met == null ? null : (Boolean) met, discharged, instant(rs, "closed_at"), rs.getString("close_reason"),
				rs.getInt("version"), day, dueIn);
	}

	static StayReviewEntry entry(ResultSet rs, int n) throws SQLException {
		Array barriers = rs.getArray("barriers");
		List<DischargeBarrier> list = new ArrayList<>();
		if (barriers != null) {
			for (Object b : (Object[]) barriers.getArray()) list.add(DischargeBarrier.valueOf((String) b));
		}
		String reason = rs.getString("avoidable_reason");
		return new StayReviewEntry(rs.getObject("id", UUID.class), rs.getObject("review_id", UUID.class),
				rs.getObject("reviewed_on", LocalDate.class), rs.getInt("day_of_stay"), LevelOfCare.valueOf(rs.getString("level_of_care")),
				rs.getBoolean("criteria_met"), CriteriaSet.valueOf(rs.getString("criteria_set")), rs.getString("criteria_name"),
				rs.getString("criteria_reference"), rs.getString("necessity_note"), rs.getInt("avoidable_days"),
				reason == null ? null : AvoidableDayReason.valueOf(reason), list, rs.getString("barriers_note"),
				rs.getObject("next_review_on", LocalDate.class), instant(rs, "created_at"), rs.getString("created_by"));
	}
}
