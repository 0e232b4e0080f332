package org.caremap.audit.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The read events of the web request in progress, held until its answer starts and then written together (one
 * multi-row insert, committed durably with other requests' events by {@link AuditGroupCommit}) before the first
 * byte of the answer leaves. Once the answer has started, later events are written at once, as outside a request.
 * One per request thread, set by {@link AuditBeforeAnswer}.
 */
final class RequestAudit {

	private static final ThreadLocal<RequestAudit> CURRENT = new ThreadLocal<>();

	private final List<Object[]> held = new ArrayList<>();
	private boolean answerStarted;

	static @Nullable RequestAudit current() {
		return CURRENT.get();
	}

	static RequestAudit begin() {
		RequestAudit audit = new RequestAudit();
		CURRENT.set(audit);
		return audit;
	}

	static void end() {
		CURRENT.remove();
	}

	/** Keeps the rows for the answer's start; false once the answer has started (the caller writes them itself). */
	boolean hold(List<Object[]> rows) {
		if (answerStarted) return false;
		held.addAll(rows);
		return true;
	}

	/** The rows held so far, handed over once: from now on nothing more is held. */
	List<Object[]> release() {
		answerStarted = true;
		if (held.isEmpty()) return List.of();
		List<Object[]> rows = new ArrayList<>(held);
		held.clear();
		return rows;
	}

	int heldCount() {
		return held.size();
	}
}
