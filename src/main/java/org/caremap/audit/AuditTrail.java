package org.caremap.audit;

/**
 * Records audit entries. Successful actions join the caller's transaction (they commit with the change they
 * describe); denied and failed attempts are written in a transaction of their own, so they stay even when the
 * caller's work rolls back.
 */
public interface AuditTrail {

	void record(AuditEntry entry);

	/** Records on behalf of a named actor (sign-in attempts, jobs) rather than the current user. */
	void record(String actor, AuditEntry entry);
}
