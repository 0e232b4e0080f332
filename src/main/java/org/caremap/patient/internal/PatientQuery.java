package org.caremap.patient.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a person typed in the patient search box, split into a name, a birth date (2024-03-01 or 03/01/2024) and
 * a number (record number, member id or phone).
 */
record PatientQuery(@Nullable String name, @Nullable LocalDate birthDate, @Nullable String number) {

	private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu");

	boolean isEmpty() {
		return name == null && birthDate == null && number == null;
	}

	static PatientQuery parse(@Nullable String text) {
		if (text == null) return new PatientQuery(null, null, null);
		List<String> words = new ArrayList<>();
		LocalDate date = null;
		String number = null;
		for (String token : text.trim().split("[\\s,]+")) {
			if (token.isEmpty()) continue;
			LocalDate parsed = date(token);
			if (parsed != null) {
				date = parsed;
			}
			else if (token.chars().filter(Character::isDigit).count() >= 4) {
				number = token;
			}
			else {
				words.add(token.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}'-]", ""));
			}
		}
		String name = String.join(" ", words).trim();
		return new PatientQuery(name.length() >= 2 ? name : null, date, number);
	}

	private static @Nullable LocalDate date(String token) {
		try {
			if (token.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(token);
			if (token.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) return LocalDate.parse(token, US);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		return null;
	}
}
