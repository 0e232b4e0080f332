package org.caremap.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.caremap.shared.Totp;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor of local staff accounts (an authenticator app, RFC 6238, with the arithmetic the portal uses):
 * setting it up (a new secret confirmed by a first code), checking the code asked after the password, and turning it
 * off with the password. A wrong code counts like a wrong password: towards the account's lockout and the address's
 * throttle. Every step is audited.
 */
@Component
public class StaffSecondFactor {

	/** How a code asked after the password was answered. */
	public enum Verdict {
		/** the right code, not taken before */
		ACCEPTED,
		/** a wrong code, a code taken before, or none: the page asks again */
		WRONG,
		/** the account is locked (now, or by this failure), or disabled: the sign-in starts over */
		REFUSED
	}

	private final JdbcClient jdbc;
	private final IdentityProperties properties;
	private final TwoFactorProperties twoFactor;
	private final SignInThrottle throttle;
	private final AuditTrail audit;
	private final PasswordEncoder passwords;

	StaffSecondFactor(JdbcClient jdbc, IdentityProperties properties, TwoFactorProperties twoFactor,
			SignInThrottle throttle, AuditTrail audit, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.twoFactor = twoFactor;
		this.throttle = throttle;
		this.audit = audit;
		this.passwords = passwords;
	}

	/** Whether this account signs in with an authenticator code after its password. */
	@Transactional(readOnly = true)
	public boolean enabled(String username) {
		return jdbc.sql("select totp_secret is not null from user_account where username = ?")
			.param(username.trim().toLowerCase(Locale.ROOT))
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Whether one of this person's roles requires the second factor (by configuration). */
	public boolean required(CurrentUser user) {
		return user.roles().stream().anyMatch(twoFactor.totpRequiredRoles()::contains);
	}

	/** A new secret to set up, and the otpauth:// address an authenticator app reads (as a QR code, or typed). */
	public Setup newSetup(CurrentUser user) {
		String secret = Totp.newSecret();
		return new Setup(secret, Totp.uri("Caremap", user.getUsername(), secret));
	}

	/** The setup of a secret already shown (waiting to be confirmed). */
	public Setup setup(CurrentUser user, String secret) {
		return new Setup(secret, Totp.uri("Caremap", user.getUsername(), secret));
	}

	/** A secret waiting to be confirmed, and the address an app reads it from. */
	public record Setup(String secret, String uri) {
	}

	/** Turns the second factor on with the secret shown, when the code typed is the app's code for it now. */
	@Transactional
	public boolean enable(CurrentUser user, String secret, String code) {
		long step = Totp.matchedStep(secret, code, Instant.now());
		if (step < 0) {
			audit.record(user.getUsername(), new AuditEntry("TOTP_ENABLE", "UserAccount", user.id().value().toString(),
					null, AuditOutcome.FAILED, "wrong authenticator code"));
			return false;
		}
		jdbc.sql("""
				update user_account set totp_secret = ?, totp_last_step = ?, totp_enabled_at = now(), updated_at = now(),
				       updated_by = ?
				where id = ?""")
			.params(secret, step, user.getUsername(), user.id().value())
			.update();
		audit.record(user.getUsername(), new AuditEntry("TOTP_ENABLE", "UserAccount", user.id().value().toString(), null,
				AuditOutcome.SUCCESS, null));
		return true;
	}

	/**
	 * Turns the second factor off when the password is right (a wrong one counts towards the lockout); refused while
	 * one of the person's roles requires it.
	 */
	@Transactional
	public boolean disable(CurrentUser user, String password, @Nullable String address) {
		if (required(user)) return false;
		String hash = jdbc.sql("select password_hash from user_account where id = ?").param(user.id().value())
			.query(String.class).single();
		if (!passwords.matches(password, hash)) {
			countFailure(user.getUsername(), address);
			audit.record(user.getUsername(), new AuditEntry("TOTP_DISABLE", "UserAccount", user.id().value().toString(),
					null, AuditOutcome.FAILED, "wrong password"));
			return false;
		}
		jdbc.sql("""
				update user_account set totp_secret = null, totp_last_step = null, totp_enabled_at = null,
				       updated_at = now(), updated_by = ?
				where id = ?""")
			.params(user.getUsername(), user.id().value())
			.update();
		audit.record(user.getUsername(), new AuditEntry("TOTP_DISABLE", "UserAccount", user.id().value().toString(), null,
				AuditOutcome.SUCCESS, null));
		return true;
	}

	private record Account(@Nullable String secret, boolean enabled, @Nullable OffsetDateTime lockedUntil) {
	}

	/**
	 * Checks the code asked after the password. The right code (later than the last one taken) completes the sign-in:
	 * the failures in a row are forgotten and the sign-in is audited; a wrong one counts like a wrong password.
	 */
	@Transactional
	public Verdict check(String username, String code, @Nullable String address) {
		String name = username.trim().toLowerCase(Locale.ROOT);
		if (throttle.throttled(address)) {
			audit.record(name, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED,
					"too many failed sign-ins from " + address));
			return Verdict.REFUSED;
		}
		Optional<Account> found = jdbc.sql("select totp_secret, enabled, locked_until from user_account where username = ?")
			.param(name)
			.query((rs, n) -> new Account(rs.getString(1), rs.getBoolean(2), rs.getObject(3, OffsetDateTime.class)))
			.optional();
		if (found.isEmpty() || found.get().secret() == null || !found.get().enabled()) {
			audit.record(name, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED,
					"account disabled or without a second factor"));
			return Verdict.REFUSED;
		}
		Account account = found.get();
		if (account.lockedUntil() != null && account.lockedUntil().toInstant().isAfter(Instant.now())) {
			throttle.failed(address);
			audit.record(name, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED, "account locked"));
			return Verdict.REFUSED;
		}
		long step = code.length() > 20 ? -1 : Totp.matchedStep(account.secret(), code, Instant.now());
		// a code is taken once: the step must be later than the last one accepted (RFC 6238 section 5.2)
		int claimed = step < 0 ? 0 : jdbc.sql("""
				update user_account set totp_last_step = ?, failed_attempts = 0, locked_until = null, last_login_at = now()
				where username = ? and (totp_last_step is null or totp_last_step < ?)""")
			.params(step, name, step)
			.update();
		if (claimed == 1) {
			audit.record(name, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.SUCCESS, "password and authenticator code"));
			return Verdict.ACCEPTED;
		}
		boolean locked = countFailure(name, address);
		audit.record(name, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.FAILED,
				step < 0 ? "wrong authenticator code" : "authenticator code used before"));
		return locked ? Verdict.REFUSED : Verdict.WRONG;
	}

	/** Counts a failure like a wrong password; whether the account is locked now. */
	private boolean countFailure(String username, @Nullable String address) {
		throttle.failed(address);
		return countOnAccount(username);
	}

	private boolean countOnAccount(String username) {
		return jdbc.sql("""
				update user_account
				set failed_attempts = failed_attempts + 1,
				    locked_until = case when failed_attempts + 1 >= :max then :until else locked_until end
				where username = :username
				returning locked_until is not null and locked_until > now()""")
			.param("max", properties.maxFailedAttempts())
			.param("until", OffsetDateTime.now(ZoneOffset.UTC).plus(properties.lockoutDuration()))
			.param("username", username)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}
}
