package org.caremap.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The printed care plan's labels come from the bundles, in the copy's language. */
class PatientCopyLabelsTest {

	@Test
	void theLabelsAreTheBundlesInTheCopysLanguage() {
		Map<String, String> en = PatientCopy.labels("en");
		Map<String, String> es = PatientCopy.labels("es");
		assertThat(en).containsEntry("title", "My care plan").containsEntry("goals", "My goals");
		assertThat(es).containsEntry("title", "Mi plan de cuidado").containsEntry("goals", "Mis metas");
		assertThat(es.keySet()).isEqualTo(en.keySet());
		es.forEach((name, words) -> assertThat(words).as(name).isNotBlank().isNotEqualTo(en.get(name)));
	}
}
