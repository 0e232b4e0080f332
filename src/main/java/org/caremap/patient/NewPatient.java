package org.caremap.patient;

import java.time.LocalDate;
import java.util.List;

import org.caremap.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/** What is needed to register a patient. */
public record NewPatient(OrganizationId organization, String familyName, String givenName,
		@Nullable String middleName, LocalDate birthDate, Sex sex, @Nullable String phone, @Nullable String email,
		@Nullable String addressLine, @Nullable String city, @Nullable String state, @Nullable String postalCode,
		String preferredLanguage, List<PatientIdentifier> identifiers, List<CodedCondition> conditions,
		DatePrecision birthDatePrecision) {

	/** A patient whose whole birth date is known. */
	public NewPatient(OrganizationId organization, String familyName, String givenName, @Nullable String middleName,
			LocalDate birthDate, Sex sex, @Nullable String phone, @Nullable String email, @Nullable String addressLine,
			@Nullable String city, @Nullable String state, @Nullable String postalCode, String preferredLanguage,
			List<PatientIdentifier> identifiers, List<CodedCondition> conditions) {
		this(organization, familyName, givenName, middleName, birthDate, sex, phone, email, addressLine, city, state,
				postalCode, preferredLanguage, identifiers, conditions, DatePrecision.DAY);
	}

	public NewPatient {
		if (familyName == null || familyName.isBlank()) throw new IllegalArgumentException("family name is required");
		if (givenName == null || givenName.isBlank()) throw new IllegalArgumentException("given name is required");
		if (birthDate == null) throw new IllegalArgumentException("birth date is required");
		ContactDetails.checkBirthDate(birthDate);
		ContactDetails.check(phone, email);
		if (birthDatePrecision == null) birthDatePrecision = DatePrecision.DAY;
		identifiers = List.copyOf(identifiers);
		conditions = List.copyOf(conditions);
	}
}
