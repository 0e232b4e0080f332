package org.caremap.patient;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A condition on the patient's problem list, coded in ICD-10-CM; {@code part2}: labelled a 42 CFR Part 2 record by
 * itself (a diagnosis from a substance-use program), withheld from readers outside the patient's Part 2 programs.
 */
public record CodedCondition(String code, String display, @Nullable LocalDate onset, boolean part2) {
	public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	/** The shape of an ICD-10-CM code: a letter, two characters, and up to four more after a dot. */
	public static final String PATTERN = "^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$";

	public CodedCondition {
		if (code == null || !code.matches(PATTERN)) {
			throw new IllegalArgumentException("not an ICD-10-CM code: " + code);
		}
	}

	/** A condition without the Part 2 label. */
	public CodedCondition(String code, String display, @Nullable LocalDate onset) {
		this(code, display, onset, false);
	}
}
