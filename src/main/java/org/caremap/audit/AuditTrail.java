package org.caremap.audit;

/**
 * Records audit entries. Successful actions join the caller's transaction (they commit with the change they
 * describe); denied and failed attempts are written in a transaction of their own, so they stay even when the
 * caller's work rolls back. Reads inside a read-only transaction are written in a transaction of their own.
 */
public interface AuditTrail {

	void record(AuditEntry entry);

	/** Records several entries at once (a list page that shows many patients records one read for each). */
	void recordAll(java.util.List<AuditEntry> entries);

	/** Records on behalf of a named actor (sign-in attempts, jobs) rather than the current user. */
	void record(String actor, AuditEntry entry);
}
