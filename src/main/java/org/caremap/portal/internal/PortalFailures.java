package org.caremap.portal.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.caremap.identity.SignInRules;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one count of a portal account's wrong passwords, wherever the password is asked (the sign-in, turning the
 * second factor off): the address's window of the per-address throttle (shared with staff sign-ins) and the
 * account's run of failures, which locks the account for the staff lockout's time after the staff number in a row.
 */
@Component
class PortalFailures {

	private final JdbcClient jdbc;
	private final SignInRules rules;
	private final TransactionTemplate transactions;

	PortalFailures(JdbcClient jdbc, SignInRules rules, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.transactions = transactions;
	}

	/** Whether this address is refused for now (too many failures from it). */
	boolean throttled(@Nullable String address) {
		return rules.throttled(address);
	}

	/** Whether the account is locked now. */
	boolean locked(UUID account) {
		OffsetDateTime until = jdbc.sql("select locked_until from portal_account where id = ?").param(account)
			.query(OffsetDateTime.class).optional().orElse(null);
		return locked(until);
	}

	static boolean locked(@Nullable OffsetDateTime until) {
		return until != null && until.toInstant().isAfter(Instant.now());
	}

	/** Counts a failure from the address only (an unknown login, a locked account). */
	void failed(@Nullable String address) {
		rules.failed(address);
	}

	/** Counts a wrong password (or code) for the account and the address; the account locks at the staff number. */
	void failed(UUID account, @Nullable String address) {
		rules.failed(address);
		transactions.executeWithoutResult(status -> jdbc.sql("""
				update portal_account
				set failed_attempts = failed_attempts + 1,
				    locked_until = case when failed_attempts + 1 >= :max then :until else locked_until end
				where id = :id""")
			.param("max", rules.maxFailedAttempts())
			.param("until", OffsetDateTime.now(ZoneOffset.UTC).plus(rules.lockoutDuration()))
			.param("id", account)
			.update());
	}
}
