package org.caremap.patient;

import java.time.LocalDate;
import java.util.List;

import org.caremap.shared.PatientId;

/** A patient as shown in headers and lists. */
public record PatientSummary(PatientId id, String familyName, String givenName, LocalDate birthDate, Sex sex,
		String preferredLanguage, List<PatientIdentifier> identifiers, List<CodedCondition> conditions) {

	public PatientSummary {
		identifiers = List.copyOf(identifiers);
		conditions = List.copyOf(conditions);
	}
}
