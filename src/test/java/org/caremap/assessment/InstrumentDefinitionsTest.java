package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an administrator's edit must not get past: gaps and overlaps between bands; and exclusive answers. */
class InstrumentDefinitionsTest {

	private static final String PHQ2 = InstrumentDefinitions.resource("instruments/phq-2.json");

	@Test
	void aBandThatLeavesAGapOrOverlapsIsRefused() {
		String gap = PHQ2.replaceFirst("\"min\": 3", "\"min\": 4");
		assertThat(gap).isNotEqualTo(PHQ2);
		assertThatThrownBy(() -> InstrumentDefinitions.parse(gap, 1))
			.isInstanceOf(InstrumentDefinitions.InvalidDefinition.class).hasMessageContaining("no band holds the values between");
		String overlap = PHQ2.replaceFirst("\"min\": 3", "\"min\": 2");
		assertThatThrownBy(() -> InstrumentDefinitions.parse(overlap, 1))
			.isInstanceOf(InstrumentDefinitions.InvalidDefinition.class).hasMessageContaining("overlap");
		assertThat(InstrumentDefinitions.parse(PHQ2, 1).key()).isEqualTo("phq-2");
	}

	@Test
	void noneOfTheAboveStandsAlone() {
		Instrument hrsn = InstrumentDefinitions.shipped("ahc-hrsn");
		// LA28580-1 mold, LA9-3 none of the above (AHC HRSN housing problems, LOINC 96778-6)
		assertThat(Scorer.problems(hrsn, Answers.of(Map.of("housing-problems", List.of("LA28580-1", "LA9-3"))), false))
			.containsEntry("housing-problems", "exclusive-answer");
		assertThat(Scorer.problems(hrsn, Answers.of(Map.of("housing-problems", List.of("LA9-3"))), false)).isEmpty();
	}
}
