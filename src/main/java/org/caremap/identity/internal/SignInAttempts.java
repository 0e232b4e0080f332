package org.caremap.identity.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins in the database (so every node sees the same count) and locks the account after the
 * configured number in a row; a successful sign-in resets the count. Every attempt is audited.
 */
@Component
class SignInAttempts {

	private final JdbcClient jdbc;
	private final IdentityProperties properties;
	private final AuditTrail audit;
	private final SignInThrottle throttle;

	SignInAttempts(JdbcClient jdbc, IdentityProperties properties, AuditTrail audit, SignInThrottle throttle) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.audit = audit;
		this.throttle = throttle;
	}

	/** The client address a sign-in came from (form or HTTP Basic), when known. */
	private static @org.jspecify.annotations.Nullable String address(org.springframework.security.core.Authentication authentication) {
		return authentication.getDetails() instanceof org.springframework.security.web.authentication.WebAuthenticationDetails web
				? web.getRemoteAddress() : null;
	}

	@EventListener
	@Transactional
	public void on(AuthenticationFailureBadCredentialsEvent event) {
		if (!person(event.getAuthentication())) {
			// a bearer token that is not valid names nobody (its text is whatever the caller sent): the API's entry
			// points audit that refusal as anonymous; a client id and secret at the token endpoint name the client
			if (event.getAuthentication() instanceof org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken) {
				return;
			}
			String client = event.getAuthentication().getName();
			client = client == null ? "" : client.length() > 100 ? client.substring(0, 100) : client;
			audit.record("client:" + client, new AuditEntry("AUTHENTICATE", "ApiClient", client, null, AuditOutcome.DENIED,
					"wrong client credentials"));
			return;
		}
		String username = String.valueOf(event.getAuthentication().getPrincipal()).trim().toLowerCase(Locale.ROOT);
		int updated = jdbc.sql("""
				update user_account
				set failed_attempts = failed_attempts + 1,
				    locked_until = case when failed_attempts + 1 >= :max then :until else locked_until end
				where username = :username""")
			.param("max", properties.maxFailedAttempts())
			.param("until", OffsetDateTime.now(ZoneOffset.UTC).plus(properties.lockoutDuration()))
			.param("username", username)
			.update();
		String detail = updated == 0 ? "unknown user" : "wrong password";
		throttle.failed(address(event.getAuthentication()));
		audit.record(username, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.FAILED, detail));
	}

	@EventListener
	public void onOtherFailure(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureBadCredentialsEvent || !person(event.getAuthentication())) return;
		String username = String.valueOf(event.getAuthentication().getPrincipal()).trim().toLowerCase(Locale.ROOT);
		throttle.failed(address(event.getAuthentication()));
		audit.record(username, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED,
				event.getException().getClass().getSimpleName()));
	}

	@EventListener
	@Transactional
	public void on(AuthenticationSuccessEvent event) {
		// bearer tokens and client credentials authenticate every API call: the calls themselves are audited
		if (!person(event.getAuthentication())) return;
		String username = event.getAuthentication().getName();
		if (secondFactor(username)) {
			// the password alone does not sign in: the failures in a row count on until the authenticator code is right
			audit.record(username, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.SUCCESS,
					"password accepted; authenticator code asked"));
			return;
		}
		jdbc.sql("""
				update user_account set failed_attempts = 0, locked_until = null, last_login_at = now()
				where username = ?""").param(username).update();
		audit.record(username, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.SUCCESS, null));
	}

	/** Whether this account signs in with an authenticator code after its password ({@link StaffSecondFactor}). */
	private boolean secondFactor(String username) {
		return jdbc.sql("select totp_secret is not null from user_account where username = ?").param(username)
			.query(Boolean.class).optional().orElse(false);
	}

	/** A person signing in with a username and password (the form, or HTTP Basic for the metrics endpoint). */
	private static boolean person(org.springframework.security.core.Authentication authentication) {
		return authentication instanceof org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
	}

	@EventListener
	public void on(LogoutSuccessEvent event) {
		audit.record(event.getAuthentication().getName(),
				new AuditEntry("SIGN_OUT", "Session", null, null, AuditOutcome.SUCCESS, null));
	}
}
