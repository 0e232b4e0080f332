package org.caremap.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {

	@Test
	void namedTypesReadAsNamedAndTheRestAreSplitIntoWords() {
		assertThat(ResourceNames.plain("AdtMessage")).isEqualTo("ADT message");
		assertThat(ResourceNames.plain("CarePlan")).isEqualTo("Care plan");
		assertThat(ResourceNames.plain("Patient")).isEqualTo("Patient");
		assertThat(ResourceNames.plain("MedicationStatement")).isEqualTo("Medication statement");
		assertThat(ResourceNames.plain("HL7Feed")).isEqualTo("HL7 feed");
		assertThat(ResourceNames.plain("org.caremap.careplan.internal.CarePlanGoal")).isEqualTo("Care plan goal");
		assertThat(ResourceNames.plain("org.caremap.transition.AdtMessage")).isEqualTo("ADT message");
	}
}
