package org.caremap.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A disclosure as pages and documents show it; {@code source} says who recorded it (staff, or the module that sent). */
public record DisclosureView(UUID id, LocalDate disclosedOn, String recipient, @Nullable String recipientAddress,
		String description, String purpose, DisclosureBasis basis, @Nullable LocalDate suspendedUntil, String source,
		String recordedBy, Instant recordedAt) {
}
