package org.caremap.patient;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** The editable facts about a patient. */
public record Demographics(String familyName, String givenName, @Nullable String middleName, LocalDate birthDate,
		Sex sex, @Nullable String phone, @Nullable String email, @Nullable String addressLine, @Nullable String city,
		@Nullable String state, @Nullable String postalCode, String preferredLanguage, ContactMethod contactMethod,
		@Nullable String contactTimes, boolean interpreterNeeded, DatePrecision birthDatePrecision) {

	/** Demographics with the whole birth date known. */
	public Demographics(String familyName, String givenName, @Nullable String middleName, LocalDate birthDate, Sex sex,
			@Nullable String phone, @Nullable String email, @Nullable String addressLine, @Nullable String city,
			@Nullable String state, @Nullable String postalCode, String preferredLanguage, ContactMethod contactMethod,
			@Nullable String contactTimes, boolean interpreterNeeded) {
		this(familyName, givenName, middleName, birthDate, sex, phone, email, addressLine, city, state, postalCode,
				preferredLanguage, contactMethod, contactTimes, interpreterNeeded, DatePrecision.DAY);
	}

	public Demographics {
		if (familyName == null || familyName.isBlank()) throw new IllegalArgumentException("family name is required");
		if (givenName == null || givenName.isBlank()) throw new IllegalArgumentException("given name is required");
		if (birthDate == null) throw new IllegalArgumentException("birth date is required");
		ContactDetails.checkBirthDate(birthDate);
		ContactDetails.check(phone, email);
		if (birthDatePrecision == null) birthDatePrecision = DatePrecision.DAY;
		if (sex == null) throw new IllegalArgumentException("sex is required");
		if (contactMethod == null) contactMethod = ContactMethod.PHONE;
		if (preferredLanguage == null || !preferredLanguage.matches("^[a-z]{2,3}$")) {
			throw new IllegalArgumentException("preferred language must be a language code");
		}
	}
}
