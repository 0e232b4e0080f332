package org.caremap.access;

import java.time.Instant;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** Someone opened a record outside their care relationships. */
public record GlassBroken(UserId user, PatientId patient, String reason, Instant until) {
}
