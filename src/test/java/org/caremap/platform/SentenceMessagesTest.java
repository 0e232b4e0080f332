package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/** A date inside a sentence from the message bundle reads as the pages write dates, never as ISO. */
class SentenceMessagesTest {

	private final MessageSource messages = new SentenceMessages().messageSource("messages");

	@Test
	void aDayInASentenceIsWrittenAsOnThePage() {
		String text = messages.getMessage("error.assessment.already-open", new Object[] { "PHQ-9", LocalDate.of(2026, 12, 4) },
				Locale.ENGLISH);
		assertThat(text).isEqualTo("PHQ-9 is already assigned to this patient (due Fri 4 Dec 2026). Open it from the list instead.")
			.doesNotContain("2026-12-04");
	}

	@Test
	void aMomentKeepsItsZoneAndOtherArgumentsStayAsTheyAre() {
		ZonedDateTime moment = ZonedDateTime.of(2026, 12, 4, 14, 30, 0, 0, ZoneId.of("America/New_York"));
		assertThat(messages.getMessage("contact.due", new Object[] { moment }, Locale.ENGLISH)).isEqualTo("due Fri 4 Dec 2026 14:30");
		assertThat(messages.getMessage("contact.due", new Object[] { "tomorrow" }, Locale.ENGLISH)).isEqualTo("due tomorrow");
	}
}
