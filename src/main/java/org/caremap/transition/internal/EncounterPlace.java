package org.caremap.transition.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * Where in the hospital a patient was, as a case manager says it. Locations are stored in words since messages have
 * been read that way (Unit 6E, room 611, bed 1 (RGH)); encounters stored before that hold the raw point of care:
 * facility, unit, room and bed separated by spaces (RGH 6E 611 1). A stored value of exactly that shape (four parts
 * and no commas) is put in words when shown; anything else is shown as stored.
 */
final class EncounterPlace {

	private static final Pattern RAW = Pattern.compile("^([^\\s,]+) ([^\\s,]+) ([^\\s,]+) ([^\\s,]+)$");

	private EncounterPlace() {
	}

	static @Nullable String words(@Nullable String stored, MessageSource messages, Locale locale) {
		if (stored == null) return null;
		Matcher raw = RAW.matcher(stored.strip());
		if (!raw.matches()) return stored;
		return messages.getMessage("encounter.place", new Object[] { raw.group(2), raw.group(3), raw.group(4), raw.group(1) },
				stored, locale);
	}
}
