package org.caremap.task.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.identity.CurrentUser;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.task.ClockAtRisk;
import org.caremap.task.ClockAudience;
import org.caremap.task.ClockSettings;
import org.caremap.task.ClockStart;
import org.caremap.task.ClockStop;
import org.caremap.task.ClockUnit;
import org.caremap.task.ClockView;
import org.caremap.task.Clocks;
import org.caremap.task.internal.ClockStatus.Action;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clocks: programs' clock definitions, and the engine that starts, pauses, resumes and stops their instances. Every
 * move of an instance is an update guarded by the states the transition table lets it leave, so a move heard twice, or
 * two at once, moves it once. The built-in clocks (the follow-up cadence, the transitions call and visit) are moved
 * by the work they time ({@link Cadence}, {@link TransitionWork}); the others by {@link ClockEvents}.
 */
@Service
@Transactional
class JdbcClocks implements Clocks {

	static final String FOLLOW_UP = "follow-up";
	static final String TCM_CONTACT = "tcm-contact";
	static final String TCM_VISIT = "tcm-visit";
	private static final String OPEN = "('RUNNING', 'PAUSED')";

	/** A definition as the engine needs it. */
	record Def(UUID id, ProgramId program, String key, ClockSettings settings, boolean builtIn, @Nullable Instant retiredAt,
			int version) {
		ClockView view() {
			return new ClockView(id, program, key, settings, builtIn, retiredAt, version);
		}
	}

	/** An open instance with what its moves need of its definition. */
	record Open(UUID id, UUID definition, String key, ClockUnit unit, int target, @Nullable Integer warnBefore, boolean keepTimeLeft,
			boolean pauseOnHold, boolean pauseInHospital, String status, Instant startedAt, Instant dueAt,
			@Nullable Instant pausedAt, @Nullable Long leftMillis) {

		/**
		 * How a pause counts this clock's time: as its unit does, except the built-in transitions clocks, which move by
		 * the time on hold (elapsed time), as they always did.
		 */
		ClockUnit pauseUnit() {
			return TCM_CONTACT.equals(key) || TCM_VISIT.equals(key) ? ClockUnit.CALENDAR_HOURS : unit;
		}
	}

	private final JdbcClient jdbc;
	private final Organizations organizations;
	private final Programs programs;
	private final PatientAccess access;
	private final AuditTrail audit;

	JdbcClocks(JdbcClient jdbc, Organizations organizations, Programs programs,
			PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.programs = programs;
		this.access = access;
		this.audit = audit;
	}

	ClockMath math() {
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
		// the organisation's business hours come with its calendar (caremap.organization.opens / .closes)
		BusinessCalendar calendar = organizations.calendar(org.id());
		return new ClockMath(calendar, new ClockMath.BusinessHours(calendar.opens(), calendar.closes()));
	}

	// ---------------------------------------------------------------- definitions

	private static final String DEF_COLUMNS = """
			select id, program_id, key, name, start_event, stop_event, unit, target, warn_before, pause_on_hold,
			       pause_in_hospital, keep_time_left, notify, built_in, retired_at, version from clock_definition""";

	private static Def def(ResultSet rs, int n) throws SQLException {
		int warn = rs.getInt(9);
		Integer warnBefore = rs.wasNull() ? null : warn;
		ClockSettings s = new ClockSettings(rs.getString(4), ClockStart.valueOf(rs.getString(5)),
				ClockStop.valueOf(rs.getString(6)), ClockUnit.valueOf(rs.getString(7)), rs.getInt(8), warnBefore,
				rs.getBoolean(10), rs.getBoolean(11), rs.getBoolean(12), ClockAudience.valueOf(rs.getString(13)));
		Timestamp retired = rs.getTimestamp(15);
		return new Def(rs.getObject(1, UUID.class), new ProgramId(rs.getObject(2, UUID.class)), rs.getString(3), s,
				rs.getBoolean(14), retired == null ? null : retired.toInstant(), rs.getInt(16));
	}

	/** The built-in clocks of a program, made the first time they are needed (programs made after V60). */
	void ensureBuiltIn(ProgramId program) {
		boolean known = jdbc.sql("select count(*) from clock_definition where program_id = ? and key = ?")
			.params(program.value(), FOLLOW_UP).query(Long.class).single() > 0;
		if (known) return;
		int every = programs.find(program).map(ProgramView::contactEveryDays).orElse(30);
		insertBuiltIn(program, FOLLOW_UP, "Follow-up contact", "ENROLMENT", "FIRST_CONTACT", "CALENDAR_DAYS", every, false);
		insertBuiltIn(program, TCM_CONTACT, "Transition call after discharge", "DISCHARGE", "STEP_MET", "BUSINESS_DAYS", 2, true);
		insertBuiltIn(program, TCM_VISIT, "Face-to-face visit after discharge", "DISCHARGE", "STEP_MET", "CALENDAR_DAYS", 14, true);
	}

	private void insertBuiltIn(ProgramId program, String key, String name, String start, String stop, String unit, int target,
			boolean keep) {
		jdbc.sql("""
				insert into clock_definition (id, program_id, key, name, start_event, stop_event, unit, target, warn_before,
				    pause_on_hold, pause_in_hospital, keep_time_left, notify, built_in, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, null, true, false, ?, 'NOBODY', true, ?)
				on conflict (program_id, key) do nothing""")
			.params(Ids.newId(), program.value(), key, name, start, stop, unit, target, keep, actor()).update();
	}

	Optional<Def> builtIn(ProgramId program, String key) {
		ensureBuiltIn(program);
		return jdbc.sql(DEF_COLUMNS + " where program_id = ? and key = ?").params(program.value(), key)
			.query(JdbcClocks::def).optional();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public List<ClockView> ofProgram(ProgramId program) {
		ensureBuiltIn(program);
		// the follow-up clock's length is the program's cadence, as it is now
		programs.find(program).ifPresent(p -> followProgramCadence(program, p.contactEveryDays()));
		return jdbc.sql(DEF_COLUMNS + " where program_id = ? order by retired_at nulls first, built_in desc, name, id")
			.param(program.value()).query(JdbcClocks::def).list().stream().map(Def::view).toList();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public Optional<ClockView> find(ProgramId program, UUID clock) {
		return findDef(program, clock).map(Def::view);
	}

	Optional<Def> findDef(ProgramId program, UUID clock) {
		return jdbc.sql(DEF_COLUMNS + " where program_id = ? and id = ?").params(program.value(), clock)
			.query(JdbcClocks::def).optional();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public ClockView add(ProgramId program, ClockSettings s) {
		if (programs.find(program).isEmpty()) throw new NotFoundException("program", program.value());
		if (s.stop() == ClockStop.STEP_MET) throw new DomainException("clock.stepMetBuiltIn", "only the transitions clocks stop on a step");
		requirePair(s);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into clock_definition (id, program_id, key, name, start_event, stop_event, unit, target, warn_before,
				    pause_on_hold, pause_in_hospital, keep_time_left, notify, built_in, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?)""")
			.params(id, program.value(), "c-" + id.toString().substring(24), s.name(), s.start().name(), s.stop().name(),
					s.unit().name(), s.target(), s.warnBefore(), s.pauseOnHold(), s.pauseInHospital(), s.keepTimeLeft(),
					s.tell().name(), actor())
			.update();
		audit.record(AuditEntry.write("CREATE", "ClockDefinition", id.toString(), null));
		return findDef(program, id).orElseThrow().view();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public ClockView change(ProgramId program, UUID clock, ClockSettings s, int version) {
		Def current = findDef(program, clock).orElseThrow(() -> new NotFoundException("clock", clock));
		if (current.retiredAt() != null) throw new DomainException("clock.retired", "a retired clock is not changed");
		ClockSettings kept = s;
		if (current.builtIn()) {
			// the built-in clocks keep what they time: start, stop, unit and length (the follow-up's is the program's cadence)
			ClockSettings b = current.settings();
			Integer warn = s.warnBefore() != null && s.warnBefore() >= b.target() ? null : s.warnBefore();
			kept = new ClockSettings(s.name(), b.start(), b.stop(), b.unit(), b.target(), warn, s.pauseOnHold(),
					b.pauseInHospital(), s.keepTimeLeft(), s.tell());
		}
		else if (s.stop() == ClockStop.STEP_MET) {
			throw new DomainException("clock.stepMetBuiltIn", "only the transitions clocks stop on a step");
		}
		else {
			requirePair(s);
		}
		int changed = jdbc.sql("""
				update clock_definition set name = ?, start_event = ?, stop_event = ?, unit = ?, target = ?, warn_before = ?,
				    pause_on_hold = ?, pause_in_hospital = ?, keep_time_left = ?, notify = ?, updated_at = now(), updated_by = ?,
				    version = version + 1
				where id = ? and program_id = ? and version = ? and retired_at is null""")
			.params(kept.name(), kept.start().name(), kept.stop().name(), kept.unit().name(), kept.target(), kept.warnBefore(),
					kept.pauseOnHold(), kept.pauseInHospital(), kept.keepTimeLeft(), kept.tell().name(), actor(), clock,
					program.value(), version)
			.update();
		if (changed == 0) throw new DomainException("clock.stale", "the clock changed since it was read");
		audit.record(AuditEntry.write("UPDATE", "ClockDefinition", clock.toString(), null));
		return findDef(program, clock).orElseThrow().view();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void retire(ProgramId program, UUID clock) {
		Def current = findDef(program, clock).orElseThrow(() -> new NotFoundException("clock", clock));
		if (current.builtIn()) throw new DomainException("clock.builtInRetire", "a built-in clock is not retired");
		jdbc.sql("""
				update clock_definition set retired_at = now(), retired_by = ?, version = version + 1
				where id = ? and program_id = ? and retired_at is null""")
			.params(actor(), clock, program.value()).update();
		audit.record(AuditEntry.write("RETIRE", "ClockDefinition", clock.toString(), null));
	}

	/** A clock's stop must fit its start (a referral's clock stops on the referral's decision, and so on). */
	private static void requirePair(ClockSettings s) {
		if (!s.start().stops().contains(s.stop())) {
			throw new DomainException("clock.pair", "a clock started by " + s.start() + " does not stop on " + s.stop());
		}
	}

	/** The follow-up clock's length follows the program's cadence. */
	void followProgramCadence(ProgramId program, int days) {
		jdbc.sql("update clock_definition set target = ? where program_id = ? and key = ? and target <> ?")
			.params(days, program.value(), FOLLOW_UP, days).update();
	}

	// ---------------------------------------------------------------- instances

	/**
	 * Starts a clock of the definition for the subject at the given time (with its own length, else the definition's),
	 * and answers its due time. A start heard again for the same time finds the clock already running; a start for
	 * another time (a second discharge time for the same stay) replaces the one running.
	 */
	Instant start(Def d, PatientId patient, @Nullable CaseId caseId, String subject, Instant at, @Nullable Integer length) {
		int n = length == null ? d.settings().target() : length;
		ClockUnit unit = d.settings().unit();
		Optional<Map.Entry<UUID, Instant[]>> running = jdbc.sql("""
				select id, started_at, due_at from clock_instance where definition_id = ? and subject = ? and status in """ + OPEN)
			.params(d.id(), subject)
			.query((rs, i) -> Map.entry(rs.getObject(1, UUID.class),
					new Instant[] { rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant() }))
			.optional();
		if (running.isPresent()) {
			if (running.get().getValue()[0].equals(at)) return running.get().getValue()[1];
			cancel(running.get().getKey(), "restarted");
		}
		ClockMath math = math();
		Instant due = math.deadline(unit, at, n);
		Integer warnBefore = d.settings().warnBefore();
		Instant warn = warnBefore == null || warnBefore >= n ? null : math.warning(unit, due, warnBefore);
		jdbc.sql("""
				insert into clock_instance (id, definition_id, program_id, patient_id, case_id, subject, status, target,
				    started_at, due_at, warn_at, created_by)
				values (?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)
				on conflict (definition_id, subject) where status in ('RUNNING', 'PAUSED') do nothing""")
			.params(Ids.newId(), d.id(), d.program().value(), patient.value(), caseId == null ? null : caseId.value(), subject,
					n, Timestamp.from(at), Timestamp.from(due), warn == null ? null : Timestamp.from(warn), actor())
			.update();
		return due;
	}

	/** Starts a program's built-in clock; answers its due time. */
	Instant startBuiltIn(String key, ProgramId program, PatientId patient, CaseId caseId, String subject, Instant at,
			@Nullable Integer length) {
		Def d = builtIn(program, key).orElseThrow();
		return start(d, patient, caseId, subject, at, length);
	}

	private static final String OPEN_COLUMNS = """
			select i.id, i.definition_id, d.unit, i.target, d.warn_before, d.keep_time_left, d.pause_on_hold,
			       d.pause_in_hospital, i.status, i.due_at, i.paused_at, i.left_millis, d.key, i.started_at
			from clock_instance i join clock_definition d on d.id = i.definition_id""";

	private static Open open(ResultSet rs, int n) throws SQLException {
		int warn = rs.getInt(5);
		Integer warnBefore = rs.wasNull() ? null : warn;
		long left = rs.getLong(12);
		Long leftMillis = rs.wasNull() ? null : left;
		Timestamp paused = rs.getTimestamp(11);
		return new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(13), ClockUnit.valueOf(rs.getString(3)),
				rs.getInt(4), warnBefore, rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9),
				rs.getTimestamp(14).toInstant(), rs.getTimestamp(10).toInstant(), paused == null ? null : paused.toInstant(), leftMillis);
	}

	/** The open instances of a built-in clock for a subject (one per program the subject is timed in). */
	List<Open> openBuiltIn(String key, String subject) {
		return jdbc.sql(OPEN_COLUMNS + " where d.key = ? and d.built_in and i.subject = ? and i.status in " + OPEN)
			.params(key, subject).query(JdbcClocks::open).list();
	}

	/**
	 * Pauses a running instance, keeping the counted time it had left. A pause heard late (an admission the feed
	 * sent after the clock started) counts from the clock's start at the earliest.
	 */
	boolean pause(Open o, Instant when) {
		Instant at = when.isBefore(o.startedAt()) ? o.startedAt() : when;
		long left = math().counted(o.pauseUnit(), at, o.dueAt()).toMillis();
		return jdbc.sql("""
				update clock_instance set status = 'PAUSED', paused_at = ?, left_millis = ?, updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(Timestamp.from(at), left, actor(), o.id(), ClockStatus.from(Action.PAUSE)).update() > 0;
	}

	/**
	 * Resumes a paused instance: with the time left kept, it is due where that much counted time has run from now;
	 * otherwise the whole length starts again. Answers the new due time when it resumed.
	 */
	Optional<Instant> resume(Open o, Instant when) {
		if (!"PAUSED".equals(o.status())) return Optional.empty();
		// a resume dated before the pause (a discharge time before a late-heard admission) resumes at the pause
		Instant at = o.pausedAt() != null && when.isBefore(o.pausedAt()) ? o.pausedAt() : when;
		ClockMath math = math();
		Instant due = o.keepTimeLeft() && o.leftMillis() != null
				? math.advance(o.pauseUnit(), at, Duration.ofMillis(o.leftMillis()))
				: math.deadline(o.unit(), at, o.target());
		Instant warn = o.warnBefore() == null || o.warnBefore() >= o.target() ? null : math.warning(o.unit(), due, o.warnBefore());
		int moved = jdbc.sql("""
				update clock_instance set status = 'RUNNING', due_at = ?, warn_at = ?,
				    paused_seconds = paused_seconds + greatest(0, extract(epoch from ?::timestamptz - paused_at)::bigint),
				    paused_at = null, left_millis = null, updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(Timestamp.from(due), warn == null ? null : Timestamp.from(warn), Timestamp.from(at), actor(), o.id(),
					ClockStatus.from(Action.RESUME))
			.update();
		return moved > 0 ? Optional.of(due) : Optional.empty();
	}

	/** Stops an instance at a time: met by then, or missed (past due, or breached already). */
	boolean stop(UUID instance, Instant at, String reason) {
		return jdbc.sql("""
				update clock_instance set
				    status = case when breached_at is not null or (status = 'RUNNING' and due_at < ?) then 'MISSED' else 'MET' end,
				    stopped_at = ?, stop_reason = left(?, 300), paused_at = null, updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(Timestamp.from(at), Timestamp.from(at), reason, actor(), instance, ClockStatus.from(Action.STOP)).update() > 0;
	}

	/** Cancels an instance: the work it timed no longer exists (neither met nor missed). */
	boolean cancel(UUID instance, String reason) {
		return jdbc.sql("""
				update clock_instance set status = 'CANCELLED', stopped_at = now(), stop_reason = left(?, 300), paused_at = null,
				    updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(reason, actor(), instance, ClockStatus.from(Action.CANCEL)).update() > 0;
	}

	void stopBuiltIn(String key, String subject, Instant at, String reason) {
		openBuiltIn(key, subject).forEach(o -> stop(o.id(), at, reason));
	}

	void cancelBuiltIn(String key, String subject, String reason) {
		openBuiltIn(key, subject).forEach(o -> cancel(o.id(), reason));
	}

	/** Pauses a built-in clock of a subject when its definition pauses on hold; answers whether one paused. */
	boolean holdBuiltIn(String key, String subject, Instant at) {
		boolean any = false;
		for (Open o : openBuiltIn(key, subject)) {
			if (o.pauseOnHold() && "RUNNING".equals(o.status())) any |= pause(o, at);
		}
		return any;
	}

	/** Resumes a built-in clock of a subject; answers its new due time when one resumed. */
	Optional<Instant> resumeBuiltIn(String key, String subject, Instant at) {
		Optional<Instant> due = Optional.empty();
		for (Open o : openBuiltIn(key, subject)) {
			Optional<Instant> d = resume(o, at);
			if (d.isPresent()) due = d;
		}
		return due;
	}

	// ---------------------------------------------------------------- the programs' own clocks, by event

	/** Starts the program's own clocks that this event starts. */
	void startFor(ClockStart start, ProgramId program, PatientId patient, @Nullable CaseId caseId, String subject, Instant at) {
		jdbc.sql(DEF_COLUMNS + " where program_id = ? and start_event = ? and not built_in and retired_at is null")
			.params(program.value(), start.name()).query(JdbcClocks::def).list()
			.forEach(d -> start(d, patient, caseId, subject, at, null));
	}

	/** Stops the patient's own clocks (of the case, when named) that this event stops, started by then. */
	void stopFor(ClockStop stop, PatientId patient, @Nullable CaseId caseId, Instant at, String reason) {
		jdbc.sql("""
				select i.id from clock_instance i join clock_definition d on d.id = i.definition_id
				where i.patient_id = ? and (cast(? as uuid) is null or i.case_id = ?) and d.stop_event = ? and not d.built_in
				  and i.started_at <= ? and i.status in """ + OPEN)
			.params(patient.value(), caseId == null ? null : caseId.value(), caseId == null ? null : caseId.value(), stop.name(),
					Timestamp.from(at))
			.query(UUID.class).list().forEach(id -> stop(id, at, reason));
	}

	/**
	 * Stops the programs' own clocks started for this subject ('referral:&lt;id&gt;') that this event stops: only the
	 * clocks of that referral, not the patient's others (whatever the times entered: the subject names them).
	 */
	void stopSubject(ClockStop stop, String subject, Instant at, String reason) {
		jdbc.sql("""
				select i.id from clock_instance i join clock_definition d on d.id = i.definition_id
				where i.subject = ? and d.stop_event = ? and not d.built_in and i.status in """ + OPEN)
			.params(subject, stop.name()).query(UUID.class).list().forEach(id -> stop(id, at, reason));
	}

	/**
	 * Stops the patient's own clocks that a payer's decision stops: those a case event started (an enrolment, a
	 * discharge, a flag) before it on any decision, and those an authorization request started only on that request's
	 * decision (the subject names them, whatever the times entered).
	 */
	void stopOnDecision(PatientId patient, UUID authorization, Instant at, String reason) {
		jdbc.sql("""
				select i.id from clock_instance i join clock_definition d on d.id = i.definition_id
				where i.patient_id = ? and d.stop_event = 'AUTHORIZATION_DECIDED' and not d.built_in
				  and ((d.start_event <> 'AUTHORIZATION_REQUESTED' and i.started_at <= ?) or i.subject = ?)
				  and i.status in """ + OPEN)
			.params(patient.value(), Timestamp.from(at), "authorization:" + authorization).query(UUID.class).list()
			.forEach(id -> stop(id, at, reason));
	}

	/** Pauses (or resumes) the case's own clocks that a hold pauses. */
	void holdCase(CaseId caseId, boolean held, Instant at) {
		jdbc.sql(OPEN_COLUMNS + " where i.case_id = ? and not d.built_in and d.pause_on_hold and i.status in " + OPEN)
			.param(caseId.value()).query(JdbcClocks::open).list()
			.forEach(o -> {
				if (held && "RUNNING".equals(o.status())) pause(o, at);
				else if (!held) resume(o, at);
			});
	}

	/** Pauses (or resumes) the patient's own clocks that a stay in hospital pauses. */
	void inHospital(PatientId patient, boolean in, Instant at) {
		jdbc.sql(OPEN_COLUMNS + " where i.patient_id = ? and not d.built_in and d.pause_in_hospital and i.status in " + OPEN)
			.param(patient.value()).query(JdbcClocks::open).list()
			.forEach(o -> {
				if (in && "RUNNING".equals(o.status())) pause(o, at);
				else if (!in) resume(o, at);
			});
	}

	/** The case closed: whatever of it still runs is cancelled. */
	void cancelCase(CaseId caseId, String reason) {
		jdbc.sql("select id from clock_instance where case_id = ? and status in " + OPEN).param(caseId.value())
			.query(UUID.class).list().forEach(id -> cancel(id, reason));
	}

	// ---------------------------------------------------------------- at risk

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SUPERVISOR')")
	public Page atRisk(int page, int size) {
		int p = Math.max(0, Math.min(page, 10_000));
		int s = Math.max(1, Math.min(size, 100));
		Set<ProgramId> supervised = programs.supervisedBy(CurrentUser.require().id());
		if (supervised.isEmpty()) return new Page(List.of(), 0, p, s);
		UUID[] ids = supervised.stream().map(ProgramId::value).toArray(UUID[]::new);
		String where = " where i.program_id = any(:programs) and i.status in ('RUNNING', 'PAUSED')"
				+ " and (i.due_at < now() + interval '1 day' or i.warn_at <= now())";
		long total = jdbc.sql("select count(*) from (select 1 from clock_instance i" + where + " limit " + (COUNT_CAP + 1) + ") x")
			.param("programs", ids).query(Long.class).single();
		Map<UUID, String> names = new HashMap<>();
		programs.all().forEach(v -> names.put(v.id().value(), v.name()));
		List<ClockAtRisk> rows = new ArrayList<>(jdbc.sql("""
				select i.id, i.patient_id, i.program_id, d.name, i.status, i.started_at, i.due_at, i.warned_at, i.breached_at
				from clock_instance i join clock_definition d on d.id = i.definition_id""" + where
				+ " order by i.due_at, i.id limit :limit offset :offset")
			.param("programs", ids).param("limit", s).param("offset", p * s)
			.query((rs, n) -> new ClockAtRisk(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					names.getOrDefault(rs.getObject(3, UUID.class), ""), rs.getString(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), instant(rs.getTimestamp(8)),
					instant(rs.getTimestamp(9))))
			.list());
		Set<PatientId> readable = access.readable(rows.stream().map(ClockAtRisk::patient).distinct().toList());
		rows.removeIf(r -> !readable.contains(r.patient()));
		audit.recordAll(rows.stream().map(r -> AuditEntry.read("ClockInstance", r.instance().toString(), r.patient())).toList());
		return new Page(List.copyOf(rows), total, p, s);
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private static String actor() {
		String name = CurrentActor.name();
		return name.length() > 100 ? name.substring(0, 100) : name;
	}
}
