package org.caremap.patient;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a phone number and an e-mail address may look like: the forms and the registry check the same rules, so
 * markup or stray text never becomes a number someone dials.
 */
public final class ContactDetails {

	/** Digits with the usual separators, an optional leading +, and an optional extension (or nothing). */
	public static final String PHONE = "^$|^\\+?[0-9 ().\\-/]{3,30}(\\s*(x|ext\\.?|#)\\s*[0-9]{1,6})?$";
	/** One @, a dot in the domain, no spaces, quotes, brackets or markup (or nothing). */
	public static final String EMAIL = "^$|^[^\\s@<>()\\[\\]\\\\,;:\"']{1,64}@[^\\s@<>()\\[\\]\\\\,;:\"']+\\.[^\\s@<>()\\[\\]\\\\,;:\"']+$";

	private static final Pattern PHONE_PATTERN = Pattern.compile(PHONE, Pattern.CASE_INSENSITIVE);
	private static final Pattern EMAIL_PATTERN = Pattern.compile(EMAIL);

	private ContactDetails() {
	}

	public static boolean phone(@Nullable String phone) {
		return phone == null || phone.isBlank() || (PHONE_PATTERN.matcher(phone.trim()).matches() && phone.chars().filter(Character::isDigit).count() >= 3);
	}

	public static boolean email(@Nullable String email) {
		return email == null || email.isBlank() || (email.length() <= 200 && EMAIL_PATTERN.matcher(email.trim()).matches());
	}

	/** Refuses a phone number or e-mail address that does not look like one. */
	static void check(@Nullable String phone, @Nullable String email) {
		if (!phone(phone)) throw new IllegalArgumentException("the phone number is not a phone number: digits, spaces, + ( ) - . / and an extension only");
		if (!email(email)) throw new IllegalArgumentException("the e-mail address is not an e-mail address");
	}

	/** Refuses a birth date after today anywhere on earth (UTC+14 is the first zone to reach a new day). */
	static void checkBirthDate(java.time.LocalDate birthDate) {
		if (birthDate.isAfter(java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14)))) {
			throw new IllegalArgumentException("the birth date " + birthDate + " is in the future");
		}
		if (birthDate.getYear() < 1850) throw new IllegalArgumentException("the birth date " + birthDate + " is before 1850");
	}
}
