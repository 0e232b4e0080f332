package org.caremap.patient;

import java.time.Instant;
import java.time.LocalDate;

import org.caremap.shared.PatientId;

/**
 * What names a patient in other modules' lists (names, birth date, preferred language) as of {@code at}: published in
 * the registration's transaction and in each change of the demographics', so that a module may keep it beside its
 * own data (the task module's worklist); a later {@code at} replaces an earlier one.
 */
public record PatientHeaderChanged(PatientId patient, String familyName, String givenName, LocalDate birthDate,
		String preferredLanguage, Instant at) {
}
