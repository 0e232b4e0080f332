package org.caremap.portal.internal;

import java.time.Instant;

import org.caremap.shared.Totp;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PortalAuthentication;
import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a portal sign-in (login, password, and the authenticator code when the account has a second factor)
 * against {@code portal_account}, with the staff rules: the per-address throttle (counted with staff sign-ins), the
 * lockout after failures in a row, and one answer for every refusal. Every attempt is audited. Not a provider of the
 * staff sign-in: a staff account never signs in here, and a portal account never at {@code /login}.
 */
@Component
class PortalSignIn implements AuthenticationManager {

	/** Why a sign-in was refused, for the page: throttled, or anything else (one answer). */
	static final class Refused extends BadCredentialsException {
		final boolean throttled;

		Refused(String reason, boolean throttled) {
			super(reason);
			this.throttled = throttled;
		}
	}

	/** The form's extra field (the authenticator code) and the client address. */
	static final class Details extends WebAuthenticationDetails {
		private final @Nullable String code;

		Details(HttpServletRequest request) {
			super(request);
			this.code = request.getParameter("code");
		}

		@Nullable
		String code() {
			return code;
		}
	}

	private final JdbcClient jdbc;
	private final PasswordEncoder passwords;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;
	private final PortalFailures failures;
	private final String dummyHash;

	PortalSignIn(JdbcClient jdbc, PasswordEncoder passwords, AuditTrail audit,
			TransactionTemplate transactions, PortalFailures failures) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.audit = audit;
		this.transactions = transactions;
		this.failures = failures;
		this.dummyHash = passwords.encode(UUID.randomUUID().toString());
	}

	private record Account(UUID id, String displayName, PatientId patient, @Nullable UUID contact, String status,
			String passwordHash, @Nullable String totpSecret, @Nullable OffsetDateTime lockedUntil) {
	}

	@Override
	public Authentication authenticate(Authentication attempt) throws AuthenticationException {
		String login = JdbcPortalAccounts.normalLogin(String.valueOf(attempt.getPrincipal()));
		if (login.length() > JdbcPortalAccounts.LOGIN_MAX) login = login.substring(0, JdbcPortalAccounts.LOGIN_MAX);
		String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
		String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
		String code = attempt.getDetails() instanceof Details details ? details.code() : null;
		String who = "portal-login:" + login;
		if (failures.throttled(address)) {
			audit.record(who, new AuditEntry("SIGN_IN", "PortalSession", null, null, AuditOutcome.DENIED,
					"too many failed sign-ins from " + address));
			throw new Refused("throttled", true);
		}
		Account account = jdbc.sql("""
				select id, display_name, patient_id, support_contact_id, status, password_hash, totp_secret, locked_until
				from portal_account where login = ?""")
			.param(login)
			.query((rs, n) -> new Account(rs.getObject(1, UUID.class), rs.getString(2),
					new PatientId(rs.getObject(3, UUID.class)), rs.getObject(4, UUID.class), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
			.optional()
			.orElse(null);
		if (account == null || account.passwordHash() == null) {
			passwords.matches(password, dummyHash); // the same time as a wrong password
			throw fail(who, null, address, "unknown login");
		}
		// the hash is always computed, so that an ended or locked account answers in the time a wrong password takes
		boolean passwordMatches = passwords.matches(password, account.passwordHash());
		if (!"ACTIVE".equals(account.status())) {
			throw fail(who, account, address, "account " + account.status().toLowerCase(Locale.ROOT));
		}
		if (PortalFailures.locked(account.lockedUntil())) {
			failures.failed(address);
			audit.record("portal:" + account.id(), new AuditEntry("SIGN_IN",
					"PortalSession", null, account.patient(), AuditOutcome.DENIED, "account locked"));
			throw new Refused("locked", false);
		}
		if (!passwordMatches) throw fail(who, account, address, "wrong password");
		if (account.totpSecret() != null) {
			long step = code == null ? -1 : Totp.matchedStep(account.totpSecret(), code, Instant.now());
			if (step < 0) {
				throw fail(who, account, address, code == null || code.isBlank() ? "authenticator code missing" : "wrong authenticator code");
			}
			// a code is taken once: the step must be later than the last one accepted (RFC 6238 5.2)
			int claimed = transactions.execute(status -> jdbc.sql("""
					update portal_account set totp_last_step = ?
					where id = ? and (totp_last_step is null or totp_last_step < ?)""")
				.params(step, account.id(), step).update());
			if (claimed == 0) throw fail(who, account, address, "authenticator code used before");
		}
		PortalPrincipal principal = new PortalPrincipal(account.id(), account.displayName(), account.patient(),
				account.contact());
		transactions.executeWithoutResult(status -> jdbc.sql("""
				update portal_account set failed_attempts = 0, locked_until = null, last_login_at = now() where id = ?""")
			.param(account.id()).update());
		audit.record(principal.auditName(), new AuditEntry("SIGN_IN", "PortalSession", null, account.patient(),
				AuditOutcome.SUCCESS, principal.proxy() ? "proxy" : "patient"));
		PortalAuthentication done = new PortalAuthentication(principal);
		done.setDetails(attempt.getDetails());
		return done;
	}

	/** Counts the failure (the account's run, the address's window), audits the reason, and refuses. */
	private Refused fail(String who, @Nullable Account account, @Nullable String address, String reason) {
		if (account == null) failures.failed(address);
		else failures.failed(account.id(), address);
		audit.record(account == null ? who : "portal:" + account.id(), new AuditEntry("SIGN_IN", "PortalSession", null,
				account == null ? null : account.patient(), AuditOutcome.FAILED, reason));
		return new Refused(reason, false);
	}
}
