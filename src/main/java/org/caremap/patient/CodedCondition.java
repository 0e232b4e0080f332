package org.caremap.patient;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A condition on the patient's problem list, coded in ICD-10-CM. */
public record CodedCondition(String code, String display, @Nullable LocalDate onset) {
	public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	/** The shape of an ICD-10-CM code: a letter, two characters, and up to four more after a dot. */
	public static final String PATTERN = "^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$";

	public CodedCondition {
		if (code == null || !code.matches(PATTERN)) {
			throw new IllegalArgumentException("not an ICD-10-CM code: " + code);
		}
	}
}
