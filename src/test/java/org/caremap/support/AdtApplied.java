package org.caremap.support;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ADT messages are acknowledged once stored and applied a moment later: a test that looks at what a message did
 * waits for it to be applied first (no fixed sleep), and then sees the status it ended with.
 */
public final class AdtApplied {

	private AdtApplied() {
	}

	/**
	 * Waits until every message stored under this control id has been applied (none waiting any more) and returns
	 * the status of the latest one (APPLIED, UNMATCHED, STORED, ERROR, or REJECTED for one refused at once).
	 */
	public static String status(JdbcClient jdbc, String controlId) {
		List<String> statuses = Eventually.value("ADT message " + controlId + " applied",
				() -> jdbc.sql("select status from adt_message where control_id = ? order by arrival desc nulls last, received_at desc")
					.param(controlId).query(String.class).list(),
				s -> !s.isEmpty() && !s.contains("RECEIVED"));
		return statuses.get(0);
	}

	/** Waits until no message at all is waiting to be applied. */
	public static void all(JdbcClient jdbc) {
		Eventually.value("every ADT message applied",
				() -> jdbc.sql("select count(*) from adt_message where status = 'RECEIVED'").query(Long.class).single(),
				n -> n == 0);
	}
}
