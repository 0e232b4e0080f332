package org.caremap.transition;

import java.time.Instant;

import org.caremap.shared.PatientId;

/** A stay or visit with whose it is and when Caremap last changed it. */
public record EncounterRecord(PatientId patient, EncounterView encounter, Instant lastChanged) {
}
