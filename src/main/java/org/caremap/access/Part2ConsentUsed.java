package org.caremap.access;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * A recipient saw a patient's Part 2 records under a consent to disclose (published once a day per consent and
 * recipient), so that the disclosure is on record with the patient's other disclosures.
 */
public record Part2ConsentUsed(UUID consent, PatientId patient, String recipient, String what, String purpose,
		LocalDate on) {
}
