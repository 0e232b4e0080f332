package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Old raw locations are shown in words; words, a facility alone and anything else as stored. */
class EncounterPlaceTest {

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	EncounterPlaceTest() {
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
	}

	@Test
	void theRawPointOfCareIsPutInWords() {
		assertThat(EncounterPlace.words("RGH 6E 611 1", messages, Locale.ENGLISH)).isEqualTo("Unit 6E, room 611, bed 1 (RGH)");
		assertThat(EncounterPlace.words(" RGH 4W 401 2 ", messages, Locale.ENGLISH)).isEqualTo("Unit 4W, room 401, bed 2 (RGH)");
	}

	@Test
	void whatIsNotTheRawFormIsShownAsStored() {
		assertThat(EncounterPlace.words("Unit 6E, room 611, bed 1 (RGH)", messages, Locale.ENGLISH))
			.isEqualTo("Unit 6E, room 611, bed 1 (RGH)");
		assertThat(EncounterPlace.words("RGH", messages, Locale.ENGLISH)).isEqualTo("RGH");
		assertThat(EncounterPlace.words("RGH 6E", messages, Locale.ENGLISH)).isEqualTo("RGH 6E");
		assertThat(EncounterPlace.words(null, messages, Locale.ENGLISH)).isNull();
	}
}
