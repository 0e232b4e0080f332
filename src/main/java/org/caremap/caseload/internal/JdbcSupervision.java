package org.caremap.caseload.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseSignals;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.caseload.SuggestedMove;
import org.caremap.caseload.Supervision;
import org.caremap.caseload.SupervisionView;
import org.caremap.caseload.TeamMemberLoad;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.workforce.Credentials;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisor's view of the team's caseloads, capacity targets and the suggested rebalancing (see
 * {@link Rebalancing} for the rule). Every figure is one query for the whole team: the open cases of the supervised
 * programs (served by the case table's program index), the targets, and one question each to the modules that know
 * last contacts and overdue work ({@link CaseSignals}) and who may take new cases (workforce).
 */
@Service
@Transactional
class JdbcSupervision implements Supervision {

	/** The cadence of contact for a program that names none. */
	static final int DEFAULT_CADENCE_DAYS = 30;

	private final JdbcClient jdbc;
	private final Programs programs;
	private final Organizations organizations;
	private final UserAccounts accounts;
	private final Credentials credentials;
	private final Cases cases;
	private final PatientRegistry patients;
	private final AuditTrail audit;
	private final List<CaseSignals> signals;
	private final int defaultCapacity;

	JdbcSupervision(JdbcClient jdbc, Programs programs, Organizations organizations, UserAccounts accounts,
			Credentials credentials, Cases cases, PatientRegistry patients, AuditTrail audit,
			ObjectProvider<CaseSignals> signals, @Value("${caremap.caseload.default-capacity:60}") int defaultCapacity) {
		this.jdbc = jdbc;
		this.programs = programs;
		this.organizations = organizations;
		this.accounts = accounts;
		this.credentials = credentials;
		this.cases = cases;
		this.patients = patients;
		this.audit = audit;
		this.signals = signals.orderedStream().toList();
		this.defaultCapacity = Math.max(1, defaultCapacity);
	}

	/** An open case of a supervised program. */
	private record Open(CaseId id, PatientId patient, ProgramId program, UserId manager, CaseStatus status,
			Acuity acuity, LocalDate start) {
	}

	private record Target(int target, String note, String setBy, Instant setAt) {
	}

	/** What the view and the moves both need: the programs, the team, the open cases, the targets. */
	private record Scope(Map<ProgramId, ProgramView> programs, Set<UserId> team, Map<UserId, UserView> managers,
			List<Open> open, Set<UserId> people, Map<UserId, Target> targets) {

		int target(UserId user, int fallback) {
			Target t = targets.get(user);
			return t == null ? fallback : t.target();
		}

		Map<UserId, Integer> weights() {
			Map<UserId, Integer> out = new HashMap<>();
			for (Open o : open) out.merge(o.manager(), o.acuity().weight(), Integer::sum);
			return out;
		}

		Map<UserId, Set<ProgramId>> worksIn() {
			Map<UserId, Set<ProgramId>> out = new HashMap<>();
			for (Open o : open) out.computeIfAbsent(o.manager(), k -> new HashSet<>()).add(o.program());
			return out;
		}

		/** Enabled case managers on the supervisor's team, or already holding cases in the program. */
		boolean eligible(UserId user, ProgramId program, Map<UserId, Set<ProgramId>> worksIn) {
			return managers.containsKey(user)
					&& (team.contains(user) || worksIn.getOrDefault(user, Set.of()).contains(program));
		}
	}

	private Scope scope() {
		UserId me = CurrentUser.require().id();
		Set<ProgramId> supervised = programs.supervisedBy(me);
		Map<ProgramId, ProgramView> mine = programs.all().stream().filter(p -> supervised.contains(p.id()))
			.collect(Collectors.toMap(ProgramView::id, p -> p));
		Map<UserId, UserView> managers = new LinkedHashMap<>();
		for (UserView u : accounts.withRole(Role.CASE_MANAGER)) {
			if (u.enabled()) managers.put(u.id(), u);
		}
		Set<UserId> team = new HashSet<>(organizations.supervisedBy(me));
		team.retainAll(managers.keySet());
		// the team: the case managers on the teams the supervisor leads, with their open cases in her programs (served
		// by the case manager index, a few thousand rows for a team of 25); a supervisor who leads no team sees everyone
		// holding open cases in her programs
		String sql = "select id, patient_id, program_id, case_manager_id, status, acuity, start_date from care_case"
				+ " where status <> 'CLOSED' and program_id = any(:programs)" + (team.isEmpty() ? "" : " and case_manager_id = any(:team)");
		List<Open> open = supervised.isEmpty() ? List.of() : jdbc.sql(sql)
			.param("programs", supervised.stream().map(ProgramId::value).toArray(UUID[]::new))
			.params(team.isEmpty() ? Map.of() : Map.of("team", team.stream().map(UserId::value).toArray(UUID[]::new)))
			.query((rs, n) -> new Open(new CaseId(rs.getObject(1, UUID.class)), new PatientId(rs.getObject(2, UUID.class)),
					new ProgramId(rs.getObject(3, UUID.class)), new UserId(rs.getObject(4, UUID.class)),
					CaseStatus.valueOf(rs.getString(5)), Acuity.valueOf(rs.getString(6)), rs.getObject(7, LocalDate.class)))
			.list();
		Set<UserId> people = new LinkedHashSet<>(team);
		open.forEach(o -> people.add(o.manager()));
		Map<UserId, Target> targets = new HashMap<>();
		if (!people.isEmpty()) {
			jdbc.sql("select user_id, target, note, set_by, set_at from caseload_capacity where user_id = any(?)")
				.param(people.stream().map(UserId::value).toArray(UUID[]::new))
				.query((rs, n) -> targets.put(new UserId(rs.getObject(1, UUID.class)), new Target(rs.getInt(2),
						rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant())))
				.list();
		}
		return new Scope(mine, team, managers, open, people, targets);
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SUPERVISOR')")
	public SupervisionView view() {
		Scope scope = scope();
		LocalDate today = organizations.today();
		List<CaseId> active = scope.open().stream().filter(o -> o.status() == CaseStatus.ACTIVE).map(Open::id).toList();
		Map<CaseId, LocalDate> lastContact = new HashMap<>();
		Map<UserId, Long> overdue = new HashMap<>();
		for (CaseSignals source : signals) {
			if (!active.isEmpty()) lastContact.putAll(source.lastContact(active));
			if (!scope.people().isEmpty()) source.overdueWork(scope.people()).forEach((k, v) -> overdue.merge(k, v, Long::sum));
		}
		Set<UserId> refused = scope.people().isEmpty() ? Set.of()
				: credentials.mayNotTakeNewCases(scope.people(), today);
		Map<UserId, String> names = scope.people().isEmpty() ? Map.of() : accounts.displayNames(scope.people());
		Map<String, String> setters = accounts.displayNamesByUsername(
				scope.targets().values().stream().map(Target::setBy).collect(Collectors.toSet()));

		Map<UserId, int[]> figures = new HashMap<>(); // cases, weight, beyond cadence, longest days
		Map<UserId, LocalDate> oldest = new HashMap<>();
		List<Rebalancing.Candidate> candidates = new ArrayList<>();
		for (Open o : scope.open()) {
			int[] f = figures.computeIfAbsent(o.manager(), k -> new int[4]);
			f[0]++;
			f[1] += o.acuity().weight();
			if (o.status() != CaseStatus.ACTIVE) continue;
			LocalDate last = lastContact.get(o.id());
			LocalDate since = last == null ? o.start() : last;
			int days = (int) Math.max(0, ChronoUnit.DAYS.between(since, today));
			ProgramView program = scope.programs().get(o.program());
			int cadence = program == null || program.contactEveryDays() <= 0 ? DEFAULT_CADENCE_DAYS : program.contactEveryDays();
			if (days > cadence) f[2]++;
			f[3] = Math.max(f[3], days);
			oldest.merge(o.manager(), since, (a, b) -> a.isBefore(b) ? a : b);
			candidates.add(new Rebalancing.Candidate(o.id(), o.patient(), o.program(), o.acuity(), o.manager(), since, last));
		}
		Map<UserId, Set<ProgramId>> worksIn = scope.worksIn();
		List<TeamMemberLoad> team = new ArrayList<>();
		List<Rebalancing.Person> people = new ArrayList<>();
		for (UserId user : scope.people()) {
			int[] f = figures.getOrDefault(user, new int[4]);
			Target t = scope.targets().get(user);
			int target = t == null ? defaultCapacity : t.target();
			boolean mayTake = !refused.contains(user);
			String name = names.getOrDefault(user, "");
			team.add(new TeamMemberLoad(user, name, f[0], f[1], target, t != null, t == null ? null : t.note(),
					t == null ? null : setters.getOrDefault(t.setBy(), t.setBy()), t == null ? null : t.setAt(),
					overdue.getOrDefault(user, 0L), f[2], f[3], oldest.get(user), mayTake, scope.team().contains(user)));
			people.add(new Rebalancing.Person(user, name, f[1], target,
					mayTake && scope.managers().containsKey(user), scope.team().contains(user),
					worksIn.getOrDefault(user, Set.of())));
		}
		team.sort(java.util.Comparator.comparingInt(TeamMemberLoad::percent).reversed()
			.thenComparing(TeamMemberLoad::name, String.CASE_INSENSITIVE_ORDER));
		return new SupervisionView(team, Rebalancing.suggest(people, candidates), defaultCapacity);
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public void setCapacity(UserId caseManager, int target, String note) {
		if (target < 1 || target > 1000) {
			throw new DomainException("supervision.target-range", "the target is a weight from 1 to 1000", 1, 1000);
		}
		String why = note == null ? "" : note.strip();
		if (why.isEmpty() || why.length() > 500) {
			throw new DomainException("supervision.note-required", "a note of at most 500 characters is required", 500);
		}
		Scope scope = scope();
		if (!scope.people().contains(caseManager)) {
			throw new DomainException("supervision.not-your-team", "not a case manager of this supervisor's team");
		}
		Integer previous = jdbc.sql("select target from caseload_capacity where user_id = ? for update")
			.param(caseManager.value()).query(Integer.class).optional().orElse(null);
		jdbc.sql("""
				insert into caseload_capacity (user_id, target, note, set_by) values (?, ?, ?, ?)
				on conflict (user_id) do update set target = excluded.target, note = excluded.note,
				    set_by = excluded.set_by, set_at = now(), version = caseload_capacity.version + 1""")
			.params(caseManager.value(), target, why, CurrentActor.name()).update();
		jdbc.sql("insert into caseload_capacity_change (user_id, previous, target, note, set_by) values (?, ?, ?, ?, ?)")
			.params(caseManager.value(), previous, target, why, CurrentActor.name()).update();
		audit.record(new AuditEntry("UPDATE", "CaseloadCapacity", caseManager.toString(), null, AuditOutcome.SUCCESS,
				"target " + (previous == null ? "default " + defaultCapacity : previous) + " -> " + target));
	}

	@Override
	@PreAuthorize("hasRole('SUPERVISOR')")
	public int apply(List<SuggestedMove.Move> moves, String reason) {
		if (moves.isEmpty()) throw new DomainException("supervision.nothing-ticked", "no suggestion ticked");
		if (reason == null || reason.isBlank()) throw new DomainException("case.reason-required", "a reason is required");
		// the ticked cases are locked before they are looked at: a reassignment running beside this one waits, and
		// whichever comes second sees the first one's result (a stale tick)
		jdbc.sql("select id from care_case where id = any(?) order by id for update")
			.param(moves.stream().map(m -> m.caseId().value()).distinct().toArray(UUID[]::new)).query(UUID.class).list();
		Scope scope = scope();
		Map<CaseId, Open> open = new HashMap<>();
		scope.open().forEach(o -> open.put(o.id(), o));
		Map<CaseId, SuggestedMove.Move> byCase = new LinkedHashMap<>();
		for (SuggestedMove.Move m : moves) {
			SuggestedMove.Move before = byCase.putIfAbsent(m.caseId(), m);
			if (before != null && !before.equals(m)) throw new DomainException("supervision.twice", "a case ticked twice");
		}
		// every ticked case still where the suggestion found it: open, in a supervised program, with the giver
		for (SuggestedMove.Move m : byCase.values()) {
			Open o = open.get(m.caseId());
			if (o == null || !o.manager().equals(m.from())) {
				throw new DomainException("supervision.stale", "the case has meanwhile moved or closed", patientName(m.caseId()));
			}
		}
		// every receiver eligible and still within target with what they receive
		Map<UserId, Integer> weight = scope.weights();
		Map<UserId, Set<ProgramId>> worksIn = scope.worksIn();
		Map<UserId, List<CaseId>> perReceiver = new LinkedHashMap<>();
		Map<UserId, Integer> receiving = new HashMap<>();
		for (SuggestedMove.Move m : byCase.values()) {
			Open o = open.get(m.caseId());
			if (m.to().equals(m.from()) || !scope.eligible(m.to(), o.program(), worksIn)) {
				throw new DomainException("supervision.not-eligible", "the receiver may not take this case", name(m.to()));
			}
			perReceiver.computeIfAbsent(m.to(), k -> new ArrayList<>()).add(m.caseId());
			receiving.merge(m.to(), o.acuity().weight(), Integer::sum);
		}
		for (var e : receiving.entrySet()) {
			int target = scope.target(e.getKey(), defaultCapacity);
			int after = weight.getOrDefault(e.getKey(), 0) + e.getValue();
			if (after > target) {
				throw new DomainException("supervision.over-target", "the receiver would go over target", name(e.getKey()),
						after, target);
			}
		}
		int moved = 0;
		// each receiver's cases in one reassignment (its events, audit and care relationships as always); a refusal
		// (a credential, a case no longer writable) rolls every move back
		for (var e : perReceiver.entrySet()) moved += cases.reassign(e.getValue(), e.getKey(), reason);
		return moved;
	}

	private String name(UserId user) {
		return accounts.displayNames(List.of(user)).getOrDefault(user, "");
	}

	private String patientName(CaseId id) {
		PatientId patient = jdbc.sql("select patient_id from care_case where id = ?").param(id.value())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional().orElse(null);
		if (patient == null) return "";
		PatientHeader header = patients.headers(List.of(patient)).get(patient);
		return header == null ? "" : header.displayName();
	}

}
