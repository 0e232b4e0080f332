package org.caremap.team.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The self-harm word lists: whole words, any case or accent, English and Spanish; everyday words do not trip it. */
class UrgentWordsTest {

	@Test
	void wordsAboutSelfHarmInEitherLanguageAreFound() {
		assertThat(UrgentWords.in("Some days I think about suicide")).isTrue();
		assertThat(UrgentWords.in("I feel SUICIDAL tonight")).isTrue();
		assertThat(UrgentWords.in("sometimes I want to kill myself.")).isTrue();
		assertThat(UrgentWords.in("I keep thinking I'd be better off dead")).isTrue();
		assertThat(UrgentWords.in("I have been cutting myself again")).isTrue();
		assertThat(UrgentWords.in("A veces pienso en quitarme la vida")).isTrue();
		assertThat(UrgentWords.in("quiero morir")).isTrue();
		assertThat(UrgentWords.in("He pensado en hacerme dano")).isTrue();
		assertThat(UrgentWords.in("He pensado en hacerme daño")).isTrue();
		assertThat(UrgentWords.in("pensé en el SUICIDIO")).isTrue();
	}

	@Test
	void everydayWordsAreNotTakenForSelfHarm() {
		assertThat(UrgentWords.in("My blood pressure was high, can I change my appointment?")).isFalse();
		assertThat(UrgentWords.in("The pain is killing me, my knee hurts")).isFalse();
		assertThat(UrgentWords.in("I hurt my back lifting boxes")).isFalse();
		assertThat(UrgentWords.in("Necesito una cita para el martes")).isFalse();
		assertThat(UrgentWords.in("I want to diet")).isFalse();
	}
}
