package org.caremap.medication;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** An entry of the medication list the care team keeps, in its latest state ({@code version} counts its changes). */
public record ListedMedication(UUID id, PatientId patient, MedicationEntry entry, boolean active, int version,
		@Nullable Instant stoppedAt, Instant createdAt, String createdBy, @Nullable Instant updatedAt,
		@Nullable String updatedBy) {

	public @Nullable DrugClass drugClass() {
		return DrugClass.of(entry.name()).orElse(null);
	}
}
