package org.caremap.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.UserId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcUserAccounts implements UserAccounts, UserDetailsService {

	private static final String USERNAME_PATTERN = "^[a-z0-9][a-z0-9._-]{1,62}$";

	private final JdbcClient jdbc;
	private final PasswordEncoder encoder;
	private final PasswordPolicy policy;
	private final AuditTrail audit;

	JdbcUserAccounts(JdbcClient jdbc, PasswordEncoder encoder, PasswordPolicy policy, AuditTrail audit) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.policy = policy;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		String name = username.trim().toLowerCase(Locale.ROOT);
		return jdbc.sql("""
				select id, username, display_name, password_hash, enabled, locked_until, must_change_password
				from user_account where username = ?""")
			.param(name)
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
				boolean nonLocked = lockedUntil == null || lockedUntil.toInstant().isBefore(Instant.now());
				return new CurrentUser(new UserId(id), rs.getString("username"), rs.getString("display_name"),
						rs.getString("password_hash"), roles(id), rs.getBoolean("enabled"), nonLocked,
						rs.getBoolean("must_change_password"));
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserView> find(UserId id) {
		return query("where u.id = :key", id.value()).stream().findFirst();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserView> findByUsername(String username) {
		return query("where u.username = :key", username.trim().toLowerCase(Locale.ROOT)).stream().findFirst();
	}

	@Override
	@Transactional(readOnly = true)
	public List<UserView> list() {
		return query("", null);
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UserId, String> displayNames(java.util.Collection<UserId> ids) {
		if (ids.isEmpty()) return Map.of();
		Map<UserId, String> names = new java.util.HashMap<>();
		jdbc.sql("select id, display_name from user_account where id = any(?)")
			.param(ids.stream().map(UserId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> names.put(new UserId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.list();
		return names;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<String, String> displayNamesByUsername(java.util.Collection<String> usernames) {
		if (usernames.isEmpty()) return Map.of();
		Map<String, String> names = new java.util.HashMap<>();
		jdbc.sql("select username, display_name from user_account where username = any(?)")
			.param(usernames.stream().map(u -> u.trim().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new))
			.query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
			.list();
		return names;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<String, String> displayNamesByUsername() {
		Map<String, String> names = new java.util.HashMap<>();
		jdbc.sql("select username, display_name from user_account")
			.query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
			.list();
		return names;
	}

	@Override
	@Transactional(readOnly = true)
	public List<UserView> withRole(Role role) {
		return query("where exists (select 1 from user_role r where r.user_id = u.id and r.role = :key)", role.name());
	}

	@Override
	@Transactional(readOnly = true)
	public long count() {
		return jdbc.sql("select count(*) from user_account").query(Long.class).single();
	}

	private List<UserView> query(String where, @Nullable Object key) {
		var spec = jdbc.sql("""
				select u.id, u.username, u.display_name, u.email, u.enabled, u.locked_until, u.last_login_at,
				       u.failed_attempts, u.languages, r.role
				from user_account u left join user_role r on r.user_id = u.id
				""" + where + " order by u.display_name, u.id");
		if (key != null) spec = spec.param("key", key);
		Map<UUID, Row> rows = new LinkedHashMap<>();
		spec.query((ResultSet rs) -> {
			UUID id = rs.getObject("id", UUID.class);
			Row row = rows.computeIfAbsent(id, k -> read(rs));
			String role = rs.getString("role");
			if (role != null) row.roles.add(Role.valueOf(role));
		});
		List<UserView> out = new ArrayList<>(rows.size());
		rows.values().forEach(r -> out.add(r.view()));
		return out;
	}

	private static Row read(ResultSet rs) {
		try {
			OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
			OffsetDateTime lastLogin = rs.getObject("last_login_at", OffsetDateTime.class);
			return new Row(new UserId(rs.getObject("id", UUID.class)), rs.getString("username"),
					rs.getString("display_name"), rs.getString("email"), rs.getBoolean("enabled"),
					lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now()),
					lastLogin == null ? null : lastLogin.toInstant(), rs.getInt("failed_attempts"),
					java.util.List.of((String[]) rs.getArray("languages").getArray()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class Row {
		final UserId id;
		final String username;
		final String displayName;
		final @Nullable String email;
		final boolean enabled;
		final boolean locked;
		final @Nullable Instant lastLogin;
		final int failed;
		final List<String> languages;
		final Set<Role> roles = EnumSet.noneOf(Role.class);

		Row(UserId id, String username, String displayName, @Nullable String email, boolean enabled, boolean locked,
				@Nullable Instant lastLogin, int failed, List<String> languages) {
			this.id = id;
			this.username = username;
			this.displayName = displayName;
			this.email = email;
			this.enabled = enabled;
			this.locked = locked;
			this.lastLogin = lastLogin;
			this.failed = failed;
			this.languages = languages;
		}

		UserView view() {
			return new UserView(id, username, displayName, email, roles, enabled, locked, lastLogin, failed, languages);
		}
	}

	private Set<Role> roles(UUID id) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		jdbc.sql("select role from user_role where user_id = ?").param(id).query(String.class).list()
			.forEach(r -> roles.add(Role.valueOf(r)));
		return roles;
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public UserView create(NewUser user) {
		String username = user.username().trim().toLowerCase(Locale.ROOT);
		if (!username.matches(USERNAME_PATTERN)) throw new DomainException("user.username-invalid", username);
		if (user.displayName().isBlank()) throw new DomainException("user.display-name-required", username);
		if (user.roles().isEmpty()) throw new DomainException("user.role-required", username);
		policy.check(username, user.password()).ifPresent(rule -> {
			throw new DomainException("user.password-weak", rule, rule);
		});
		boolean taken = jdbc.sql("select count(*) from user_account where username = ?").param(username)
			.query(Long.class).single() > 0;
		if (taken) throw new DomainException("user.username-taken", username, username);
		UserId id = new UserId(Ids.newId());
		jdbc.sql("""
				insert into user_account (id, username, display_name, email, password_hash, must_change_password,
				                          created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id.value(), username, user.displayName().trim(), Texts.orNull(user.email()),
					encoder.encode(user.password()), user.mustChangePassword(), actor())
			.update();
		writeRoles(id, user.roles());
		audit.record(AuditEntry.write("CREATE", "UserAccount", id.toString(), null));
		return find(id).orElseThrow();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void changeRoles(UserId id, Set<Role> roles) {
		if (roles.isEmpty()) throw new DomainException("user.role-required", id.toString());
		requireExists(id);
		CurrentUser.get().ifPresent(me -> {
			if (me.id().equals(id) && !roles.contains(Role.ADMIN)) {
				throw new DomainException("user.cannot-remove-own-admin", id.toString());
			}
		});
		jdbc.sql("delete from user_role where user_id = ?").param(id.value()).update();
		writeRoles(id, roles);
		touch(id);
		audit.record(new AuditEntry("UPDATE", "UserAccount", id.toString(), null,
				org.caremap.audit.AuditOutcome.SUCCESS, "roles=" + roles));
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void changeDetails(UserId id, String displayName, String email) {
		if (displayName.isBlank()) throw new DomainException("user.display-name-required", id.toString());
		requireExists(id);
		jdbc.sql("update user_account set display_name = ?, email = ? where id = ?")
			.params(displayName.trim(), Texts.orNull(email), id.value()).update();
		touch(id);
		audit.record(AuditEntry.write("UPDATE", "UserAccount", id.toString(), null));
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void changeLanguages(UserId id, List<String> languages) {
		requireExists(id);
		List<String> codes = languages.stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).filter(l -> !l.isEmpty())
			.distinct().toList();
		for (String code : codes) {
			if (!code.matches("^[a-z]{2,3}$")) throw new DomainException("user.language-invalid", code, code);
		}
		jdbc.sql("update user_account set languages = ? where id = ?")
			.params(codes.toArray(String[]::new), id.value()).update();
		touch(id);
		audit.record(AuditEntry.write("UPDATE", "UserAccount", id.toString(), null));
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void disable(UserId id) {
		requireExists(id);
		CurrentUser.get().ifPresent(me -> {
			if (me.id().equals(id)) throw new DomainException("user.cannot-disable-self", id.toString());
		});
		jdbc.sql("update user_account set enabled = false where id = ?").param(id.value()).update();
		touch(id);
		// end every session of that user at once, on every node
		String username = find(id).orElseThrow().username();
		jdbc.sql("delete from spring_session where principal_name = ?").param(username).update();
		audit.record(AuditEntry.write("DISABLE", "UserAccount", id.toString(), null));
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void enable(UserId id) {
		requireExists(id);
		jdbc.sql("update user_account set enabled = true where id = ?").param(id.value()).update();
		touch(id);
		audit.record(AuditEntry.write("ENABLE", "UserAccount", id.toString(), null));
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void unlock(UserId id) {
		requireExists(id);
		jdbc.sql("update user_account set failed_attempts = 0, locked_until = null where id = ?").param(id.value())
			.update();
		touch(id);
		audit.record(AuditEntry.write("UNLOCK", "UserAccount", id.toString(), null));
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public String resetPassword(UserId id) {
		requireExists(id);
		String temporary = TemporaryPasswords.generate();
		jdbc.sql("""
				update user_account set password_hash = ?, must_change_password = true, failed_attempts = 0,
				       locked_until = null, password_changed_at = now()
				where id = ?""").params(encoder.encode(temporary), id.value()).update();
		touch(id);
		audit.record(AuditEntry.write("RESET_PASSWORD", "UserAccount", id.toString(), null));
		return temporary;
	}

	@Override
	@PreAuthorize("isAuthenticated()")
	public void changeOwnPassword(String currentPassword, String newPassword) {
		CurrentUser me = CurrentUser.require();
		String hash = jdbc.sql("select password_hash from user_account where id = ?").param(me.id().value())
			.query(String.class).single();
		if (!encoder.matches(currentPassword, hash)) throw new DomainException("password.currentWrong", "wrong");
		if (encoder.matches(newPassword, hash)) throw new DomainException("password.sameAsOld", "same");
		policy.check(me.getUsername(), newPassword).ifPresent(rule -> {
			throw new DomainException(rule, rule);
		});
		jdbc.sql("""
				update user_account set password_hash = ?, must_change_password = false, password_changed_at = now(),
				       updated_at = now(), updated_by = ?
				where id = ?""").params(encoder.encode(newPassword), me.getUsername(), me.id().value()).update();
		audit.record(AuditEntry.write("CHANGE_PASSWORD", "UserAccount", me.id().toString(), null));
	}

	private void writeRoles(UserId id, Set<Role> roles) {
		for (Role role : roles) {
			jdbc.sql("insert into user_role (user_id, role) values (?, ?)").params(id.value(), role.name()).update();
		}
	}

	private void requireExists(UserId id) {
		boolean exists = jdbc.sql("select count(*) from user_account where id = ?").param(id.value())
			.query(Long.class).single() > 0;
		if (!exists) throw new NotFoundException("user", id);
	}

	private void touch(UserId id) {
		jdbc.sql("update user_account set updated_at = ?, updated_by = ? where id = ?")
			.params(OffsetDateTime.now(ZoneOffset.UTC), actor(), id.value()).update();
	}

	private static String actor() {
		return CurrentUser.get().map(CurrentUser::getUsername).orElse("system");
	}


	@Override
	@Transactional(readOnly = true)
	public Optional<Locale> language(UserId id) {
		return jdbc.sql("select coalesce(ui_language, '') from user_account where id = ?")
			.param(id.value())
			.query(String.class)
			.optional()
			.filter(l -> l.equals("en") || l.equals("es"))
			.map(Locale::forLanguageTag);
	}
}
