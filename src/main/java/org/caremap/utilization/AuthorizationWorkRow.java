package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A row of the authorizations work list: a decision still owed (by when), a line in force that is expiring or used
 * up, or an appeal to file. {@code kind} says which.
 */
public record AuthorizationWorkRow(Kind kind, UUID authorization, PatientId patient, String patientName, String payer,
		String service, AuthorizationStatus status, Urgency urgency, @Nullable Instant decisionDueAt,
		@Nullable String code, @Nullable Integer unitsApproved, int unitsUsed, @Nullable LocalDate approvedTo,
		@Nullable LocalDate filingDeadline) {

	public enum Kind {
		DECISION, EXPIRING, USED_UP, APPEAL
	}

	public int unitsLeft() {
		return Math.max(0, (unitsApproved == null ? 0 : unitsApproved) - unitsUsed);
	}
}
