package org.caremap.medication;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A pharmacy fill Caremap holds. */
public record FillView(UUID id, PatientId patient, @Nullable String rxnormCode, String drugName,
		@Nullable DrugClass drugClass, LocalDate filledOn, int daysSupply, @Nullable BigDecimal quantity,
		@Nullable String pharmacy, String source, @Nullable String sourceReference, Instant createdAt) {
}
