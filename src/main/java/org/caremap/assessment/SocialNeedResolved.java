package org.caremap.assessment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** A social need was met: recorded by the care team, or by a community referral closed as delivered. */
public record SocialNeedResolved(UUID need, PatientId patient, Instant resolvedAt) {
}
