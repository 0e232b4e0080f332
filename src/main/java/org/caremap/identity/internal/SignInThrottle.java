package org.caremap.identity.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins counted per client address over a window (in the database, so every node counts together).
 * Once an address reaches the limit, its sign-ins are refused before any password is checked until the window
 * ends. The per-account lockout stops guessing one account; this stops one address from trying many.
 */
@Component
class SignInThrottle {

	private final JdbcClient jdbc;
	private final IdentityProperties properties;

	SignInThrottle(JdbcClient jdbc, IdentityProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** Whether sign-ins from this address are refused for now. */
	@Transactional(readOnly = true)
	public boolean throttled(@Nullable String address) {
		address = counted(address);
		if (address == null) return false;
		return jdbc.sql("""
				select exists (select 1 from sign_in_throttle
				               where address = ? and failures >= ? and window_start > ?)""")
			.params(address, properties.signInFailuresPerAddress(), windowOpenedAfter())
			.query(Boolean.class).single();
	}

	/** Counts a failed sign-in from this address (a new window starts when the last one has ended). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void failed(@Nullable String address) {
		address = counted(address);
		if (address == null) return;
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into sign_in_throttle (address, window_start, failures) values (:address, :now, 1)
				on conflict (address) do update
				set failures = case when sign_in_throttle.window_start > :opened then sign_in_throttle.failures + 1 else 1 end,
				    window_start = case when sign_in_throttle.window_start > :opened then sign_in_throttle.window_start else :now end""")
			.param("address", address)
			.param("now", now)
			.param("opened", windowOpenedAfter())
			.update();
	}

	/**
	 * What is counted for an address: an IPv4 address as it is, an IPv6 address by its /64 network (one host may
	 * hold any number of addresses within it).
	 */
	static @Nullable String counted(@Nullable String address) {
		if (address == null || address.isBlank()) return null;
		if (!address.contains(":")) return address;
		try {
			byte[] bytes = java.net.InetAddress.getByName(address.replaceAll("%.*$", "")).getAddress();
			if (bytes.length != 16) return address;
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(String.format("%02x%02x:", bytes[i] & 0xff, bytes[i + 1] & 0xff));
			}
			return prefix.append(":/64").toString();
		}
		catch (java.net.UnknownHostException ex) {
			return address;
		}
	}

	/** Windows that started after this time are still running. */
	private OffsetDateTime windowOpenedAfter() {
		return OffsetDateTime.now(ZoneOffset.UTC).minus(properties.signInThrottleWindow());
	}

	/** Forgets windows that have ended (run now and then). */
	@Transactional
	public int forgetEnded() {
		return jdbc.sql("delete from sign_in_throttle where window_start <= ?").param(windowOpenedAfter()).update();
	}
}
