package org.caremap.shared;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How pages write dates, for the sentences built in code or from the message bundle as much as for tables: a day is
 * 'Fri 4 Dec 2026', a moment 'Fri 4 Dec 2026 14:30' (never ISO '2026-12-04' inside a sentence). Templates reach the
 * same patterns through the {@code @dates} helper.
 */
public final class DateTexts {

	/** A day in a sentence: 'Fri 4 Dec 2026'. */
	public static final String DAY = "EEE d MMM yyyy";

	/** A moment in a sentence: 'Fri 4 Dec 2026 14:30'. */
	public static final String DAY_TIME = "EEE d MMM yyyy HH:mm";

	private DateTexts() {
	}

	public static String format(TemporalAccessor value, String pattern, Locale locale) {
		return DateTimeFormatter.ofPattern(localized(pattern, locale), locale).format(value);
	}

	/**
	 * The pattern as the language writes it: the day and month names come from the locale already; Spanish also
	 * joins a day and a full month name with "de" ('viernes 4 de diciembre', 'diciembre de 2026'). The short forms
	 * ('vie 4 dic 2026') and the 24-hour clock are as Spanish readers write them.
	 */
	static String localized(String pattern, Locale locale) {
		if (!"es".equals(locale.getLanguage()) || !pattern.contains("MMMM")) return pattern;
		return pattern.replace("d MMMM", "d 'de' MMMM").replace("MMMM yyyy", "MMMM 'de' yyyy");
	}

	public static String day(TemporalAccessor day, Locale locale) {
		return format(day, DAY, locale);
	}

	public static String dayTime(TemporalAccessor moment, Locale locale) {
		return format(moment, DAY_TIME, locale);
	}

	/**
	 * An argument of a sentence as the page would write it: days and date-times that carry their own zone or none
	 * (local ones) in the page's words, anything else unchanged. An {@link java.time.Instant} is left alone: it needs
	 * the organisation's zone, which the caller formats it in.
	 */
	public static Object inSentence(Object argument, Locale locale) {
		if (argument instanceof LocalDate d) return day(d, locale);
		if (argument instanceof LocalDateTime || argument instanceof ZonedDateTime || argument instanceof OffsetDateTime) {
			return dayTime((TemporalAccessor) argument, locale);
		}
		return argument;
	}
}
