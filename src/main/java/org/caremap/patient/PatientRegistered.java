package org.caremap.patient;

import org.caremap.shared.PatientId;

/** A patient was registered: published in the registration's transaction, once per patient. */
public record PatientRegistered(PatientId patient) {
}
