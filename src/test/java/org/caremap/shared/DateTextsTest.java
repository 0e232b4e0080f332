package org.caremap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Dates in the reader's language: English as before, Spanish with Spanish day and month names and "de". */
class DateTextsTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");
	private static final LocalDateTime FRIDAY = LocalDateTime.of(2026, 12, 4, 14, 30);

	@Test
	void englishIsUnchanged() {
		assertThat(DateTexts.day(FRIDAY.toLocalDate(), Locale.ENGLISH)).isEqualTo("Fri 4 Dec 2026");
		assertThat(DateTexts.dayTime(FRIDAY, Locale.ENGLISH)).isEqualTo("Fri 4 Dec 2026 14:30");
		assertThat(DateTexts.format(FRIDAY, "EEEE d MMMM", Locale.ENGLISH)).isEqualTo("Friday 4 December");
	}

	@Test
	void spanishNamesTheDaysAndMonthsInSpanish() {
		assertThat(DateTexts.day(FRIDAY.toLocalDate(), SPANISH)).startsWith("vie").contains("4 dic").endsWith("2026");
		assertThat(DateTexts.dayTime(FRIDAY, SPANISH)).endsWith("2026 14:30");
		assertThat(DateTexts.format(FRIDAY, "EEEE d MMMM", SPANISH)).isEqualTo("viernes 4 de diciembre");
		assertThat(DateTexts.format(LocalDate.of(2026, 5, 1), "MMMM yyyy", SPANISH)).isEqualTo("mayo de 2026");
		assertThat(DateTexts.inSentence(LocalDate.of(2026, 5, 1), SPANISH)).isEqualTo(DateTexts.day(LocalDate.of(2026, 5, 1), SPANISH));
		// a pattern with a literal is left whole
		assertThat(DateTexts.format(FRIDAY, "d 'de' MMMM", SPANISH)).isEqualTo("4 de diciembre");
	}
}
