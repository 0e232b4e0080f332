package org.caremap.utilization;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A line of an authorization in force needs a new authorization: its units are running out (the payer rule's share
 * used) or its approved period ends within the rule's business days. Published once per line; {@code reason} says
 * which in words, {@code dueBy} is when the new request should be in (the business day the threshold names, or
 * within 2 business days when the units ran out).
 */
public record AuthorizationRenewalDue(PatientId patient, UUID authorization, UUID line, String payer, String service,
		String code, int unitsUsed, int unitsApproved, @Nullable LocalDate approvedTo, String reason, LocalDate dueBy,
		@Nullable UserId owner) {
}
