package org.caremap.measure;

import java.time.Instant;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;

/**
 * A reading fell outside the limits a program the patient is enrolled in sets for it (published once per reading,
 * for the first such program). The task module makes the case manager's task, keyed by the reading.
 *
 * @param reading the reading's id
 * @param figures the reading in plain figures ({@code 182/101})
 * @param limits the program's limits in plain figures ({@code 90-160 / 50-100})
 */
public record MeasureOutOfRange(UUID reading, PatientId patient, ProgramId program, MeasureKind kind, String figures,
		String unit, String limits, Instant takenAt, MeasureSource source) {
}
