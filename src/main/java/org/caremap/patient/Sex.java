package org.caremap.patient;

/** Administrative sex, as FHIR's AdministrativeGender. */
public enum Sex {
	FEMALE, MALE, OTHER, UNKNOWN;

	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
