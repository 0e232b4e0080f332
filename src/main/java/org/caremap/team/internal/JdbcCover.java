package org.caremap.team.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.team.Cover;
import org.caremap.team.CoverEnded;
import org.caremap.team.CoverPeriodView;
import org.caremap.team.CoverPeriods;
import org.caremap.team.CoverStatus;
import org.caremap.team.OnCallRota;
import org.caremap.team.OnCallShiftView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cover periods and the on-call rota, and the answer to "who acts for this owner now". A person acting for someone
 * is let into a patient's record only when they are given work or an alert about that patient (a care-team
 * relationship named after the arrangement, recorded in {@code cover_grant}), and let out again when the arrangement
 * ends.
 */
@Service
@Transactional
class JdbcCover implements Cover, CoverPeriods, OnCallRota {

	/** How many covers of covers are followed (a cover who is away too). */
	private static final int MAX_HOPS = 4;
	private static final Duration LONGEST = Duration.ofDays(366);

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final Programs programs;
	private final PatientAccess access;
	private final CareRelationships relationships;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;

	JdbcCover(JdbcClient jdbc, UserAccounts accounts, Organizations organizations, Programs programs, PatientAccess access,
			CareRelationships relationships, AuditTrail audit, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.organizations = organizations;
		this.programs = programs;
		this.access = access;
		this.relationships = relationships;
		this.audit = audit;
		this.events = events;
	}

	// --- who acts ---------------------------------------------------------------------------------------------

	private record Period(UUID id, UserId cover, Instant until) {
	}

	private Optional<Period> periodOf(UserId owner, Instant at) {
		return jdbc.sql("""
				select id, cover_id, ends_at from cover_period
				where owner_id = :owner and status = 'SCHEDULED' and starts_at <= :at and ends_at > :at
				order by starts_at desc limit 1""")
			.param("owner", owner.value()).param("at", time(at))
			.query((rs, n) -> new Period(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Acting> acting(UserId owner, Instant at) {
		Optional<Period> first = periodOf(owner, at);
		if (first.isEmpty()) return Optional.empty();
		UserId person = first.get().cover();
		Instant until = first.get().until();
		Set<UserId> seen = new HashSet<>(List.of(owner, person));
		for (int hop = 1; hop < MAX_HOPS; hop++) {
			Optional<Period> next = periodOf(person, at);
			if (next.isEmpty() || seen.contains(next.get().cover())) break;
			person = next.get().cover();
			seen.add(person);
			if (next.get().until().isBefore(until)) until = next.get().until();
		}
		return Optional.of(new Acting(first.get().id(), Kind.COVER, person, until, null));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Acting> onCallShift(ProgramId program, Instant at) {
		return jdbc.sql("""
				select id, user_id, ends_at, phone from on_call_shift
				where program_id = :program and status = 'SCHEDULED' and starts_at <= :at and ends_at > :at
				order by starts_at desc, created_at desc limit 1""")
			.param("program", program.value()).param("at", time(at))
			.query((rs, n) -> new Acting(rs.getObject(1, UUID.class), Kind.ON_CALL, new UserId(rs.getObject(2, UUID.class)),
					rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Acting> onCallActing(ProgramId program, Instant at) {
		Optional<Acting> shift = onCallShift(program, at);
		if (shift.isEmpty()) return shift;
		Acting s = shift.get();
		Optional<Period> away = periodOf(s.person(), at);
		if (away.isEmpty()) return shift;
		Instant until = away.get().until().isBefore(s.until()) ? away.get().until() : s.until();
		return Optional.of(new Acting(s.ref(), Kind.ON_CALL, away.get().cover(), until, null));
	}

	@Override
	@Transactional(readOnly = true)
	public boolean afterHours(Instant at) {
		BusinessCalendar calendar = organizations.primary().map(o -> organizations.calendar(o.id()))
			.orElseGet(() -> new BusinessCalendar(ZoneOffset.UTC, Set.of()));
		return CoverHours.afterHours(calendar, calendar.opens(), calendar.closes(), at);
	}

	@Override
	public void admit(Acting acting, PatientId patient) {
		if (access.canRead(acting.person(), patient)) return;
		int added = jdbc.sql("""
				insert into cover_grant (id, arrangement_id, user_id, patient_id) values (?, ?, ?, ?)
				on conflict (arrangement_id, patient_id) where ended_at is null do nothing""")
			.params(Ids.newId(), acting.ref(), acting.person().value(), patient.value()).update();
		if (added == 1) relationships.open(acting.person(), patient, RelationshipKind.CARE_TEAM, source(acting.ref()));
	}

	static String source(UUID arrangement) {
		return "cover:" + arrangement;
	}

	// --- cover periods ------------------------------------------------------------------------------------------

	@Override
	public UUID name(UserId owner, UserId cover, Instant from, Instant to, String reason) {
		requireManage(owner, "name cover");
		if (accounts.find(owner).isEmpty()) throw new DomainException("cover.owner-unknown", "no such colleague");
		if (owner.equals(cover)) throw new DomainException("cover.self", "name someone else as cover");
		requireSensible(from, to);
		UserView person = accounts.find(cover).filter(u -> u.enabled() && u.clinicalLike())
			.orElseThrow(() -> new DomainException("cover.person-unknown", "no such active colleague"));
		if (!to.isAfter(from)) throw new DomainException("cover.order", "the cover must end after it starts");
		if (!to.isAfter(Instant.now())) throw new DomainException("cover.past", "the cover period is over already");
		if (Duration.between(from, to).compareTo(LONGEST) > 0) throw new DomainException("cover.too-long", "a cover lasts a year at most");
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > 500) throw new DomainException("cover.reason", "say why (up to 500 characters)");
		// one period at a time per owner: two namings at once are taken one after the other
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param("cover:" + owner).query((rs, n) -> 1).list();
		boolean overlaps = jdbc.sql("""
				select exists (select 1 from cover_period where owner_id = ? and status = 'SCHEDULED'
				               and starts_at < ? and ends_at > ?)""")
			.params(owner.value(), time(to), time(from)).query(Boolean.class).single();
		if (overlaps) throw new DomainException("cover.overlap", "there is cover for part of that time already");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into cover_period (id, owner_id, cover_id, starts_at, ends_at, reason, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, owner.value(), cover.value(), time(from), time(to), why, CurrentActor.name()).update();
		audit.record(new AuditEntry("CREATE", "CoverPeriod", id.toString(), null, AuditOutcome.SUCCESS,
				"cover by " + person.displayName()));
		return id;
	}

	@Override
	public void end(UUID period) {
		record Row(UserId owner, Instant starts, CoverStatus status) {
		}
		Row row = jdbc.sql("select owner_id, starts_at, status from cover_period where id = ?").param(period)
			.query((rs, n) -> new Row(new UserId(rs.getObject(1, UUID.class)), rs.getObject(2, OffsetDateTime.class).toInstant(),
					CoverStatus.valueOf(rs.getString(3))))
			.optional().orElseThrow(() -> new NotFoundException("cover period", period));
		requireManage(row.owner(), "end cover");
		Instant now = Instant.now();
		// not begun yet (or begun this very instant): withdrawn, nothing was given under it
		if (!now.isAfter(row.starts())) {
			int moved = jdbc.sql("""
					update cover_period set status = 'CANCELLED', updated_at = now(), updated_by = ?
					where id = ? and status = any(?)""")
				.params(CurrentActor.name(), period, CoverStatus.from(CoverStatus.CANCELLED)).update();
			if (moved == 0) throw new DomainException("cover.closed", "this cover has ended already");
			audit.record(new AuditEntry("CANCEL", "CoverPeriod", period.toString(), null, AuditOutcome.SUCCESS, null));
			return;
		}
		int moved = jdbc.sql("""
				update cover_period set ends_at = least(ends_at, ?), updated_at = now(), updated_by = ?
				where id = ? and status = 'SCHEDULED'""")
			.params(time(now), CurrentActor.name(), period).update();
		if (moved == 0) throw new DomainException("cover.closed", "this cover has ended already");
		closeDue(now);
		audit.record(new AuditEntry("END", "CoverPeriod", period.toString(), null, AuditOutcome.SUCCESS, null));
	}

	@Override
	public int closeDue(Instant now) {
		int closed = 0;
		for (Object[] row : jdbc.sql("""
				update cover_period set status = 'ENDED', closed_at = now(), updated_at = now(), updated_by = ?
				where status = any(?) and ends_at <= ? returning id, cover_id""")
			.params(CurrentActor.name(), CoverStatus.from(CoverStatus.ENDED), time(now))
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list()) {
			closeArrangement((UUID) row[0], Kind.COVER, new UserId((UUID) row[1]), now);
			closed++;
		}
		for (Object[] row : jdbc.sql("""
				update on_call_shift set status = 'ENDED', closed_at = now(), updated_at = now(), updated_by = ?
				where status = any(?) and ends_at <= ? returning id, user_id""")
			.params(CurrentActor.name(), CoverStatus.from(CoverStatus.ENDED), time(now))
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list()) {
			closeArrangement((UUID) row[0], Kind.ON_CALL, new UserId((UUID) row[1]), now);
			closed++;
		}
		return closed;
	}

	/** The records opened under the arrangement close; the work still open goes back (the task module hears of it). */
	private void closeArrangement(UUID ref, Kind kind, UserId person, Instant at) {
		// the grants name whom they let in: the person on the rota, or the cover who answered for them
		record Grant(UserId user, PatientId patient) {
		}
		List<Grant> grants = jdbc.sql("""
				update cover_grant set ended_at = now() where arrangement_id = ? and ended_at is null
				returning user_id, patient_id""")
			.param(ref)
			.query((rs, n) -> new Grant(new UserId(rs.getObject(1, UUID.class)), new PatientId(rs.getObject(2, UUID.class))))
			.list();
		for (Grant g : grants) {
			relationships.end(g.user(), g.patient(), RelationshipKind.CARE_TEAM, source(ref));
		}
		events.publishEvent(new CoverEnded(ref, kind, person, at));
	}

	@Override
	@Transactional(readOnly = true)
	public List<CoverPeriodView> mine(int limit) {
		UserId me = CurrentUser.require().id();
		return periods(jdbc.sql("""
				select * from cover_period where (owner_id = :me or cover_id = :me)
				  and (status = 'SCHEDULED' or ends_at > now() - interval '30 days')
				order by case when status = 'SCHEDULED' then 0 else 1 end, starts_at desc limit :limit""")
			.param("me", me.value()).param("limit", bounded(limit)));
	}

	@Override
	@Transactional(readOnly = true)
	public List<CoverPeriodView> team(int limit) {
		CurrentUser me = CurrentUser.require();
		if (me.has(Role.ADMIN)) {
			return periods(jdbc.sql("""
					select * from cover_period where status = 'SCHEDULED' or ends_at > now() - interval '30 days'
					order by case when status = 'SCHEDULED' then 0 else 1 end, starts_at desc limit :limit""")
				.param("limit", bounded(limit)));
		}
		UUID[] people = organizations.supervisedBy(me.id()).stream().filter(u -> !u.equals(me.id())).map(UserId::value)
			.toArray(UUID[]::new);
		if (people.length == 0) return List.of();
		return periods(jdbc.sql("""
				select * from cover_period where owner_id = any(:people)
				  and (status = 'SCHEDULED' or ends_at > now() - interval '30 days')
				order by case when status = 'SCHEDULED' then 0 else 1 end, starts_at desc limit :limit""")
			.param("people", people).param("limit", bounded(limit)));
	}

	private List<CoverPeriodView> periods(JdbcClient.StatementSpec statement) {
		record Raw(UUID id, UserId owner, UserId cover, Instant starts, Instant ends, String reason, CoverStatus status) {
		}
		List<Raw> raw = statement.query((rs, n) -> new Raw(rs.getObject("id", UUID.class),
				new UserId(rs.getObject("owner_id", UUID.class)), new UserId(rs.getObject("cover_id", UUID.class)),
				rs.getObject("starts_at", OffsetDateTime.class).toInstant(), rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
				rs.getString("reason"), CoverStatus.valueOf(rs.getString("status")))).list();
		Set<UserId> people = new HashSet<>();
		raw.forEach(r -> {
			people.add(r.owner());
			people.add(r.cover());
		});
		Map<UserId, String> names = accounts.displayNames(people);
		return raw.stream().map(r -> new CoverPeriodView(r.id(), r.owner(), names.getOrDefault(r.owner(), ""), r.cover(),
				names.getOrDefault(r.cover(), ""), r.starts(), r.ends(), r.reason(), r.status())).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Person> owners() {
		CurrentUser me = CurrentUser.require();
		if (me.has(Role.ADMIN)) return covers();
		Set<UserId> ids = new HashSet<>(organizations.supervisedBy(me.id()));
		ids.add(me.id());
		Map<UserId, String> names = accounts.displayNames(ids);
		List<Person> out = new ArrayList<>();
		out.add(new Person(me.id(), me.displayName()));
		names.entrySet().stream().filter(e -> !e.getKey().equals(me.id()))
			.sorted(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER))
			.forEach(e -> out.add(new Person(e.getKey(), e.getValue())));
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Person> covers() {
		return accounts.list().stream().filter(u -> u.enabled() && u.clinicalLike())
			.sorted(Comparator.comparing(UserView::displayName, String.CASE_INSENSITIVE_ORDER))
			.map(u -> new Person(u.id(), u.displayName())).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean manages(UserId owner) {
		if (system()) return true;
		CurrentUser me = CurrentUser.require();
		if (me.id().equals(owner) || me.has(Role.ADMIN)) return true;
		return me.has(Role.SUPERVISOR) && organizations.supervisedBy(me.id()).contains(owner);
	}

	/** Only the person, their supervisor and administrators manage someone's cover; a refusal is audited. */
	private void requireManage(UserId owner, String what) {
		if (manages(owner)) return;
		audit.record(new AuditEntry("COVER", "CoverPeriod", owner.toString(), null, AuditOutcome.DENIED,
				"may not " + what + " for this person"));
		throw new AccessDeniedException("only the person, their supervisor or an administrator manages their cover");
	}

	// --- on-call rota -------------------------------------------------------------------------------------------

	@Override
	public UUID add(ProgramId program, UserId person, Instant from, Instant to, @Nullable String phone) {
		requireKeeps(program);
		UserView user = accounts.find(person).filter(u -> u.enabled() && u.clinicalLike())
			.orElseThrow(() -> new DomainException("cover.person-unknown", "no such active colleague"));
		requireSensible(from, to);
		if (!to.isAfter(from)) throw new DomainException("cover.order", "the shift must end after it starts");
		if (!to.isAfter(Instant.now())) throw new DomainException("cover.past", "the shift is over already");
		if (Duration.between(from, to).compareTo(Duration.ofDays(31)) > 0) {
			throw new DomainException("oncall.too-long", "a shift lasts a month at most");
		}
		String number = phone == null || phone.isBlank() ? null : phone.strip();
		if (number != null && number.length() > 50) throw new DomainException("oncall.phone", "the number is too long");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into on_call_shift (id, program_id, user_id, starts_at, ends_at, phone, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, program.value(), person.value(), time(from), time(to), number, CurrentActor.name()).update();
		audit.record(new AuditEntry("CREATE", "OnCallShift", id.toString(), null, AuditOutcome.SUCCESS,
				"on call: " + user.displayName()));
		return id;
	}

	@Override
	public void remove(UUID shift) {
		record Row(ProgramId program, Instant starts) {
		}
		Row row = jdbc.sql("select program_id, starts_at from on_call_shift where id = ? and status = 'SCHEDULED'").param(shift)
			.query((rs, n) -> new Row(new ProgramId(rs.getObject(1, UUID.class)), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.optional().orElseThrow(() -> new NotFoundException("on-call shift", shift));
		requireKeeps(row.program());
		Instant now = Instant.now();
		if (!now.isAfter(row.starts())) {
			jdbc.sql("update on_call_shift set status = 'CANCELLED', updated_at = now(), updated_by = ? where id = ? and status = any(?)")
				.params(CurrentActor.name(), shift, CoverStatus.from(CoverStatus.CANCELLED)).update();
		}
		else {
			jdbc.sql("update on_call_shift set ends_at = least(ends_at, ?), updated_at = now(), updated_by = ? where id = ? and status = 'SCHEDULED'")
				.params(time(now), CurrentActor.name(), shift).update();
			closeDue(now);
		}
		audit.record(new AuditEntry("REMOVE", "OnCallShift", shift.toString(), null, AuditOutcome.SUCCESS, null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<OnCallShiftView> rota(int limit) {
		List<ProgramView> kept = keptPrograms();
		if (kept.isEmpty()) return List.of();
		Map<UUID, String> programNames = new java.util.HashMap<>();
		kept.forEach(p -> programNames.put(p.id().value(), p.name()));
		record Raw(UUID id, ProgramId program, UserId person, Instant starts, Instant ends, @Nullable String phone,
				CoverStatus status) {
		}
		List<Raw> raw = jdbc.sql("""
				select * from on_call_shift where program_id = any(:programs)
				  and (status = 'SCHEDULED' or ends_at > now() - interval '7 days')
				order by case when status = 'SCHEDULED' then 0 else 1 end, starts_at limit :limit""")
			.param("programs", programNames.keySet().toArray(UUID[]::new)).param("limit", bounded(limit))
			.query((rs, n) -> new Raw(rs.getObject("id", UUID.class), new ProgramId(rs.getObject("program_id", UUID.class)),
					new UserId(rs.getObject("user_id", UUID.class)), rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
					rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getString("phone"),
					CoverStatus.valueOf(rs.getString("status"))))
			.list();
		Map<UserId, String> names = accounts.displayNames(raw.stream().map(Raw::person).distinct().toList());
		return raw.stream().map(r -> new OnCallShiftView(r.id(), r.program(), programNames.getOrDefault(r.program().value(), ""),
				r.person(), names.getOrDefault(r.person(), ""), r.starts(), r.ends(), r.phone(), r.status())).toList();
	}

	/** The programs whose rota the current user keeps: every active one for an administrator, else those they supervise. */
	List<ProgramView> keptPrograms() {
		if (system()) return programs.active();
		CurrentUser me = CurrentUser.require();
		if (me.has(Role.ADMIN)) return programs.active();
		Set<ProgramId> mine = programs.supervisedBy(me.id());
		return programs.active().stream().filter(p -> mine.contains(p.id())).toList();
	}

	private void requireKeeps(ProgramId program) {
		if (keptPrograms().stream().anyMatch(p -> p.id().equals(program))) return;
		audit.record(new AuditEntry("ON_CALL", "OnCallShift", program.toString(), null, AuditOutcome.DENIED,
				"does not keep this program's rota"));
		throw new AccessDeniedException("only an administrator or the program's supervisor keeps its on-call rota");
	}

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
	private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

	/** Times a calendar can hold: not before 2000, not after 2200 (a typing slip, or a client probing the database). */
	private static void requireSensible(Instant from, Instant to) {
		if (from.isBefore(EARLIEST) || to.isAfter(LATEST) || from.isAfter(LATEST) || to.isBefore(EARLIEST)) {
			throw new DomainException("cover.range", "choose times between 2000 and 2200");
		}
	}

	/** Caremap itself (the demo set-up, a job) acting for the whole organisation. */
	private static boolean system() {
		return CurrentUser.get().isEmpty() && CurrentActor.name().startsWith("system:");
	}

	private static int bounded(int limit) {
		return Math.max(1, Math.min(limit, 500));
	}

	private static OffsetDateTime time(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}


}
