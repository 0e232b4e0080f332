package org.caremap.patient;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A condition on the patient's problem list, coded in ICD-10-CM. */
public record CodedCondition(String code, String display, @Nullable LocalDate onset) {
	public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

	public CodedCondition {
		if (code == null || !code.matches("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")) {
			throw new IllegalArgumentException("not an ICD-10-CM code: " + code);
		}
	}
}
