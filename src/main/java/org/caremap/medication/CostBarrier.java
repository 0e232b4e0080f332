package org.caremap.medication;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A medication the patient struggles to pay for, and the alternative found (a generic, a programme, a coupon). */
public record CostBarrier(UUID id, String drugName, String barrier, @Nullable BigDecimal monthlyCost,
		@Nullable String alternative, Instant createdAt, String createdBy) {
}
