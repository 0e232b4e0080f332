package org.caremap.workforce.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.UserId;
import org.caremap.workforce.CredentialKind;
import org.caremap.workforce.CredentialView;
import org.caremap.workforce.Credentials;
import org.caremap.workforce.NewCredential;
import org.caremap.workforce.Refusal;
import org.caremap.workforce.StaffCredentials;
import org.caremap.workforce.Standing;
import org.caremap.workforce.TeamMemberStanding;
import org.caremap.workforce.TrainingRequirement;
import org.caremap.workforce.TrainingStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credentials and trainings in plain SQL. Who may do what is decided here, once for the pages and the jobs: a person
 * reads and adds their own; the supervisor of a team they are on and administrators also renew, void and say whether
 * they must hold a licence; Caremap's own jobs (system actors) read everything.
 */
@Service
@Transactional
class JdbcCredentials implements Credentials {

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final Organizations organizations;

	JdbcCredentials(JdbcClient jdbc, UserAccounts accounts, Organizations organizations) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	// --- who may ---

	private static boolean system() {
		return CurrentActor.name().startsWith("system");
	}

	private boolean oversees(CurrentUser me, UserId user) {
		return me.has(Role.ADMIN) || me.has(Role.SUPERVISOR) && organizations.supervisedBy(me.id()).contains(user);
	}

	/** The person themselves, their supervisor, an administrator or Caremap itself. */
	private void requireReader(UserId user) {
		if (system()) return;
		CurrentUser me = CurrentUser.require();
		if (!me.id().equals(user) && !oversees(me, user)) {
			throw new AccessDeniedException("a person's credentials are for them, their supervisor and administrators");
		}
	}

	/** Their supervisor, an administrator or Caremap itself. */
	private void requireOverseer(UserId user) {
		if (system()) return;
		if (!oversees(CurrentUser.require(), user)) {
			throw new AccessDeniedException("credentials are renewed and voided by the person's supervisor or an administrator");
		}
	}

	private static void requireAdmin() {
		if (system()) return;
		if (!CurrentUser.require().has(Role.ADMIN)) throw new AccessDeniedException("required trainings are defined by administrators");
	}

	private UserView person(UserId user) {
		return accounts.find(user).orElseThrow(() -> new NotFoundException("user", user));
	}

	// --- reading ---

	@Override
	@Transactional(readOnly = true)
	public Optional<Refusal> mayTakeNewCases(UserId user, LocalDate on) {
		Map<UserId, StaffCredentials> all = load(List.of(person(user)), on);
		return Optional.ofNullable(all.get(user).refusal());
	}

	@Override
	@Transactional(readOnly = true)
	public Set<UserId> mayNotTakeNewCases(Collection<UserId> users, LocalDate on) {
		if (users.isEmpty()) return Set.of();
		UUID[] ids = users.stream().map(UserId::value).distinct().toArray(UUID[]::new);
		return new HashSet<>(jdbc.sql("""
				select user_id from workforce_credential where kind = 'LICENCE' and not voided and user_id = any(:ids)
				group by user_id, upper(type), upper(coalesce(state, '')) having max(expires_on) < :on
				union
				select p.user_id from workforce_person p where p.licence_required and p.user_id = any(:ids)
				  and not exists (select 1 from workforce_credential c where c.user_id = p.user_id and c.kind = 'LICENCE' and not c.voided)""")
			.param("ids", ids).param("on", on)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list());
	}

	@Override
	@Transactional(readOnly = true)
	public StaffCredentials of(UserId user) {
		UserView person = person(user);
		requireReader(user);
		return load(List.of(person), organizations.today()).get(user);
	}

	@Override
	@Transactional(readOnly = true)
	public List<TeamMemberStanding> team() {
		CurrentUser me = CurrentUser.require();
		List<UserView> people;
		if (me.has(Role.ADMIN)) {
			people = accounts.list().stream().filter(u -> u.enabled() && u.clinicalLike()).toList();
		}
		else if (me.has(Role.SUPERVISOR)) {
			Set<UserId> mine = organizations.supervisedBy(me.id());
			people = accounts.list().stream().filter(u -> mine.contains(u.id()) && u.enabled()).toList();
		}
		else {
			throw new AccessDeniedException("the team's credentials are for supervisors and administrators");
		}
		LocalDate today = organizations.today();
		List<TeamMemberStanding> rows = new ArrayList<>();
		for (StaffCredentials s : load(people, today).values()) {
			int expired = 0;
			int expiring = 0;
			int overdue = 0;
			String next = null;
			LocalDate nextOn = null;
			for (CredentialView c : s.credentials()) {
				if (c.superseded()) continue;
				if (c.standing() == Standing.EXPIRED) expired++;
				if (c.standing() == Standing.EXPIRING) expiring++;
				if (!c.expiresOn().isBefore(today) && (nextOn == null || c.expiresOn().isBefore(nextOn))) {
					nextOn = c.expiresOn();
					next = label(c.type(), c.state());
				}
			}
			for (TrainingStatus t : s.trainings()) {
				if (t.standing() == Standing.TRAINING_OVERDUE) overdue++;
				if (t.standing() == Standing.EXPIRING) expiring++;
				if (t.dueOn() != null && !t.dueOn().isBefore(today) && (nextOn == null || t.dueOn().isBefore(nextOn))) {
					nextOn = t.dueOn();
					next = t.training().name();
				}
			}
			rows.add(new TeamMemberStanding(s.user(), s.name(), s.standing(), expired, expiring, overdue, next, nextOn,
					s.refusal() == null));
		}
		rows.sort(Comparator.comparing(TeamMemberStanding::name, String.CASE_INSENSITIVE_ORDER));
		return rows;
	}

	/** 'RN (OH)': a credential's type with the state that issued it. */
	static String label(String type, @Nullable String state) {
		return state == null ? type : type + " (" + state + ")";
	}

	private record Group(UserId user, CredentialKind kind, String type, String state) {
	}

	/** The credentials and trainings of these people on a day, in three queries whatever their number. */
	Map<UserId, StaffCredentials> load(Collection<UserView> people, LocalDate today) {
		UUID[] ids = people.stream().map(p -> p.id().value()).toArray(UUID[]::new);
		Map<UserId, List<CredentialView>> credentials = new HashMap<>();
		List<CredentialView> rows = jdbc.sql("""
				select id, user_id, kind, type, state, number, expires_on, created_by, version from workforce_credential
				where user_id = any(?) and not voided order by expires_on desc, id""")
			.param(ids)
			.query((rs, n) -> {
				LocalDate expires = rs.getObject("expires_on", LocalDate.class);
				return new CredentialView(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
						CredentialKind.valueOf(rs.getString("kind")), rs.getString("type"), rs.getString("state"),
						rs.getString("number"), expires, Standing.ofExpiry(expires, today), false, rs.getString("created_by"),
						rs.getInt("version"));
			})
			.list();
		// the newest of each kind, type and state is the one that counts; older ones were renewed
		Set<Group> seen = new HashSet<>();
		for (CredentialView c : rows) {
			Group g = new Group(c.user(), c.kind(), c.type().toUpperCase(Locale.ROOT),
					c.state() == null ? "" : c.state().toUpperCase(Locale.ROOT));
			boolean superseded = !seen.add(g);
			credentials.computeIfAbsent(c.user(), u -> new ArrayList<>()).add(superseded
					? new CredentialView(c.id(), c.user(), c.kind(), c.type(), c.state(), c.number(), c.expiresOn(),
							Standing.VALID, true, c.createdBy(), c.version())
					: c);
		}
		Map<UUID, Map<UUID, LocalDate>> completed = new HashMap<>();
		jdbc.sql("""
				select user_id, training_id, max(completed_on) from workforce_training_completion
				where user_id = any(?) group by user_id, training_id""")
			.param(ids)
			.query((rs, n) -> completed.computeIfAbsent(rs.getObject(1, UUID.class), u -> new HashMap<>())
				.put(rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class)))
			.list();
		Set<UUID> required = new HashSet<>(jdbc.sql("select user_id from workforce_person where user_id = any(?) and licence_required")
			.param(ids).query(UUID.class).list());
		List<TrainingRequirement> trainings = trainingsAll().stream().filter(TrainingRequirement::active).toList();
		Map<UserId, StaffCredentials> out = new LinkedHashMap<>();
		for (UserView p : people) {
			List<CredentialView> mine = credentials.getOrDefault(p.id(), List.of());
			Standing standing = Standing.VALID;
			for (CredentialView c : mine) {
				if (!c.superseded()) standing = standing.worse(c.standing());
			}
			List<TrainingStatus> statuses = new ArrayList<>();
			for (TrainingRequirement t : trainings) {
				if (!t.appliesTo(p.roles())) continue;
				LocalDate last = completed.getOrDefault(p.id().value(), Map.of()).get(t.id());
				LocalDate due = last == null ? null : last.plusMonths(t.periodMonths());
				TrainingStatus s = new TrainingStatus(t, last, due, Standing.ofTraining(due, today));
				statuses.add(s);
				standing = standing.worse(s.standing());
			}
			boolean licenceRequired = required.contains(p.id().value());
			out.put(p.id(), new StaffCredentials(p.id(), p.displayName(), mine, statuses, licenceRequired, standing,
					refusal(p, mine, licenceRequired, today)));
		}
		return out;
	}

	/** An expired licence that was not renewed, or none for a person who must hold one. */
	private static @Nullable Refusal refusal(UserView p, List<CredentialView> credentials, boolean licenceRequired,
			LocalDate today) {
		boolean holdsOne = false;
		for (CredentialView c : credentials) {
			if (c.kind() != CredentialKind.LICENCE || c.superseded()) continue;
			if (c.expiresOn().isBefore(today)) {
				return new Refusal("workforce.licence-expired", p.displayName() + "'s " + label(c.type(), c.state())
						+ " licence expired on " + c.expiresOn(), List.of(p.displayName(), label(c.type(), c.state()), c.expiresOn()));
			}
			holdsOne = true;
		}
		if (licenceRequired && !holdsOne) {
			return new Refusal("workforce.licence-missing", p.displayName() + " must hold a licence and has none on record",
					List.of(p.displayName()));
		}
		return null;
	}

	// --- writing ---

	@Override
	public UUID add(UserId user, NewCredential c) {
		person(user);
		requireReader(user);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into workforce_credential (id, user_id, kind, type, state, number, expires_on, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, user.value(), c.kind().name(), c.type(), c.state(), c.number(), c.expiresOn(), CurrentActor.name(),
					CurrentActor.name())
			.update();
		return id;
	}

	private UserId ownerOf(UUID credential) {
		return jdbc.sql("select user_id from workforce_credential where id = ? and not voided").param(credential)
			.query(UUID.class).optional().map(UserId::new)
			.orElseThrow(() -> new NotFoundException("credential", credential));
	}

	@Override
	public void change(UUID credential, int version, NewCredential c) {
		requireOverseer(ownerOf(credential));
		int changed = jdbc.sql("""
				update workforce_credential set kind = ?, type = ?, state = ?, number = ?, expires_on = ?,
				       version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and version = ? and not voided""")
			.params(c.kind().name(), c.type(), c.state(), c.number(), c.expiresOn(), CurrentActor.name(), credential, version)
			.update();
		if (changed == 0) throw new DomainException("workforce.credential-changed", "the credential was changed by someone else");
	}

	@Override
	public void voidCredential(UUID credential, String reason) {
		requireOverseer(ownerOf(credential));
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 500) throw new DomainException("workforce.void-reason", "a reason of 1 to 500 characters");
		jdbc.sql("""
				update workforce_credential set voided = true, voided_by = ?, void_reason = ?, version = version + 1,
				       updated_at = now(), updated_by = ?
				where id = ? and not voided""")
			.params(CurrentActor.name(), why, CurrentActor.name(), credential).update();
	}

	@Override
	public void recordTraining(UserId user, UUID training, LocalDate completedOn) {
		person(user);
		requireReader(user);
		if (trainingsAll().stream().noneMatch(t -> t.id().equals(training) && t.active())) {
			throw new NotFoundException("training", training);
		}
		if (completedOn.isAfter(organizations.today())) {
			throw new DomainException("workforce.completed-in-future", "a training is completed on a day that has come");
		}
		jdbc.sql("""
				insert into workforce_training_completion (id, user_id, training_id, completed_on, created_by)
				values (?, ?, ?, ?, ?)""")
			.params(Ids.newId(), user.value(), training, completedOn, CurrentActor.name()).update();
	}

	@Override
	public void requireLicence(UserId user, boolean required) {
		person(user);
		requireOverseer(user);
		jdbc.sql("""
				insert into workforce_person (user_id, licence_required, updated_by) values (?, ?, ?)
				on conflict (user_id) do update set licence_required = excluded.licence_required, updated_at = now(),
				       updated_by = excluded.updated_by""")
			.params(user.value(), required, CurrentActor.name()).update();
	}

	// --- required trainings ---

	private List<TrainingRequirement> trainingsAll() {
		return jdbc.sql("select id, name, period_months, role, active from workforce_training order by active desc, lower(name), id")
			.query((rs, n) -> new TrainingRequirement(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
					rs.getString(4) == null ? null : Role.valueOf(rs.getString(4)), rs.getBoolean(5)))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<TrainingRequirement> trainings() {
		return trainingsAll();
	}

	@Override
	public UUID defineTraining(String name, int periodMonths, @Nullable Role role) {
		requireAdmin();
		String n = name.strip();
		if (n.isEmpty() || n.length() > 120) throw new DomainException("workforce.training-name", "a name of 1 to 120 characters");
		if (periodMonths < 1 || periodMonths > 120) throw new DomainException("workforce.training-period", "1 to 120 months");
		if (role == Role.ADMIN) throw new DomainException("workforce.training-role", "administrators do not work with patients");
		UUID id = Ids.newId();
		try {
			jdbc.sql("""
					insert into workforce_training (id, name, period_months, role, created_by, updated_by)
					values (?, ?, ?, ?, ?, ?)""")
				.params(id, n, periodMonths, role == null ? null : role.name(), CurrentActor.name(), CurrentActor.name())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException("workforce.training-exists", "a training of that name is required already", n);
		}
		return id;
	}

	@Override
	public void retireTraining(UUID training) {
		requireAdmin();
		int changed = jdbc.sql("update workforce_training set active = false, updated_at = now(), updated_by = ? where id = ? and active")
			.params(CurrentActor.name(), training).update();
		if (changed == 0) throw new NotFoundException("training", training);
	}
}
