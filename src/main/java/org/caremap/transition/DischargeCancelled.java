package org.caremap.transition;

import java.util.UUID;

import org.caremap.shared.PatientId;

/** The hospital cancelled a discharge it had sent (A13): the stay is open again. */
public record DischargeCancelled(PatientId patient, UUID encounter) {
}
