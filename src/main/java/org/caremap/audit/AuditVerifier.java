package org.caremap.audit;

/** Verifies the whole audit chain against the events and the anchors kept outside the database. */
public interface AuditVerifier {

	AuditVerification verify();

	/** Seals every event waiting and anchors the head; returns how many were sealed. */
	int sealNow();
}
