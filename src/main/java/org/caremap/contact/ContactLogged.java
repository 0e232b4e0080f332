package org.caremap.contact;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A contact was logged (by staff, or from a portal message). Carries what billing and the outcome measures need:
 * when it happened, with whom, whether the patient was reached, its minutes and whose time they were, and who
 * logged it (the username, or Caremap itself as system:*).
 */
public record ContactLogged(UUID contact, PatientId patient, @Nullable CaseId caseId, ContactKinds.Type type,
		ContactKinds.Party with, ContactKinds.Outcome outcome, Instant occurredAt, int minutes,
		ContactKinds.StaffKind staffKind, String loggedBy) {

	/** True when the patient or their caregiver was reached, the contact that restarts a cadence. */
	public boolean reachedPatient() {
		return outcome == ContactKinds.Outcome.REACHED
				&& (with == ContactKinds.Party.PATIENT || with == ContactKinds.Party.CAREGIVER);
	}
}
