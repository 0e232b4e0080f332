package org.caremap.patient;

import java.time.LocalDate;
import java.time.Period;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** The minimum that names a patient in a list or a header. */
public record PatientHeader(PatientId id, String familyName, String givenName, LocalDate birthDate, Sex sex,
		String preferredLanguage, @Nullable String recordNumber) {

	public String displayName() {
		return familyName + ", " + givenName;
	}

	/** The preferred language's name in the reader's language, e.g. "Spanish" for es. */
	public String languageName(java.util.Locale reader) {
		String name = java.util.Locale.forLanguageTag(preferredLanguage).getDisplayLanguage(reader);
		return name.isEmpty() ? preferredLanguage : name;
	}

	public int ageOn(LocalDate day) {
		return Period.between(birthDate, day).getYears();
	}
}
