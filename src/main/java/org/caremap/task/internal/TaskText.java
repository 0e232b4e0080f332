package org.caremap.task.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.caremap.shared.DateTexts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * A text Caremap writes on a task (a description, the note it leaves when it closes one) as a text of the message
 * bundle ({@code task.description.*}, {@code task.note.*}) and its arguments, so each reader sees it in their language.
 * A date argument is kept as {@code @day:2026-12-04}, a date and time (in the organisation's zone) as
 * {@code @time:2026-12-04T14:30}, and written in the reader's language when read.
 */
record TaskText(String key, List<String> args) {

	private static final String DAY = "@day:";
	private static final String TIME = "@time:";

	TaskText {
		args = List.copyOf(args);
	}

	/** The text of this key with these arguments (dates, dates and times, anything else as its words). */
	static TaskText of(String key, Object... arguments) {
		return new TaskText(key, Arrays.stream(arguments).map(TaskText::argument).toList());
	}

	static String argument(@Nullable Object value) {
		if (value == null) return "";
		if (value instanceof LocalDate day) return DAY + day;
		if (value instanceof ZonedDateTime moment) return TIME + moment.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
		if (value instanceof LocalDateTime moment) return TIME + moment.truncatedTo(ChronoUnit.MINUTES);
		return String.valueOf(value);
	}

	String[] stored() {
		return args.toArray(String[]::new);
	}

	/** The English words (kept beside the key for search, FHIR and the audit trail). */
	String english() {
		return in(Locale.ENGLISH, key);
	}

	String in(Locale locale, String fallback) {
		MessageSource bundle = JdbcTasks.titles;
		if (bundle == null) return fallback;
		return read(bundle, key, args.toArray(), fallback, locale);
	}

	/** The text for a reader: date arguments in the reader's language, the stored words if the bundle lacks the key. */
	static String read(MessageSource bundle, String key, Object[] stored, String words, Locale locale) {
		Object[] arguments = new Object[stored.length];
		for (int i = 0; i < stored.length; i++) {
			String a = stored[i] == null ? "" : stored[i].toString();
			try {
				if (a.startsWith(DAY)) arguments[i] = DateTexts.day(LocalDate.parse(a.substring(DAY.length())), locale);
				else if (a.startsWith(TIME)) arguments[i] = DateTexts.dayTime(LocalDateTime.parse(a.substring(TIME.length())), locale);
				else arguments[i] = a;
			}
			catch (java.time.DateTimeException ex) {
				arguments[i] = a;
			}
		}
		return bundle.getMessage(key, arguments, words, locale);
	}
}
