package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only paths of this site are followed after a save. */
class ReturnToTest {

	@Test
	void pathsOfThisSiteAreKept() {
		assertThat(ReturnTo.safe("/patients/1/notes")).contains("/patients/1/notes");
		assertThat(ReturnTo.safe("/myday?all=true")).contains("/myday?all=true");
	}

	@Test
	void otherSitesAndOddPathsFallBack() {
		for (String bad : new String[] { "//evil.example", "https://evil.example/", "/\\evil.example", "evil",
				"", " /x", "/x y", "/x\n", "javascript:alert(1)", "/" + "a".repeat(600) }) {
			assertThat(ReturnTo.safe(bad)).as(bad).isEmpty();
		}
		assertThat(ReturnTo.or(null, "/patients/1")).isEqualTo("/patients/1");
		assertThat(ReturnTo.redirect("//evil.example", "/patients/1")).isEqualTo("redirect:/patients/1");
	}
}
