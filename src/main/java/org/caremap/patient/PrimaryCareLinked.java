package org.caremap.patient;

import java.util.UUID;

import org.caremap.shared.PatientId;

/** The patient's primary care provider was recorded (replacing any previous one), in the transaction that links it. */
public record PrimaryCareLinked(PatientId patient, UUID provider) {
}
