package org.caremap.assessment;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** A screening found a social need the patient had not open already (e.g. food insecurity), on the given day. */
public record SocialNeedIdentified(UUID need, PatientId patient, String code, LocalDate identifiedOn) {
}
