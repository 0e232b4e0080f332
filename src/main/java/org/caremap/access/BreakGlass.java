package org.caremap.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.caremap.shared.PatientId;

/**
 * Emergency access: a clinical user opens a record outside their care relationships by stating why. The grant
 * lasts a limited time, is audited, and the user's supervisors are told.
 */
public interface BreakGlass {

	/** The longest a grant may last. */
	Duration MAX_DURATION = Duration.ofHours(8);

	/** Opens the record for the current user; returns when the grant ends. */
	Instant open(PatientId patient, String reason, Duration duration);

	/** When the current user's grant on this patient ends, if one is in force. */
	Optional<Instant> activeUntil(PatientId patient);
}
