package org.caremap.utilization;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A prior authorization request was sent to the payer (from the page or as a FHIR Claim): published in the
 * transaction that records it. The case and the program are named when the request knows them (today it does not:
 * the request belongs to the patient), else null; a listener then times it in each of the patient's open cases.
 */
public record AuthorizationRequested(UUID authorization, PatientId patient, @Nullable UUID caseId, @Nullable UUID program,
		String payer, String service, Instant requestedAt) {
}
