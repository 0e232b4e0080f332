package org.caremap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** All user-visible text comes from messages.properties, so that Caremap can speak Spanish too. */
class TemplateTextTest {

	@Test
	void templatesHoldNoHardCodedText() throws Exception {
		List<TemplateTextCheck.Finding> findings = TemplateTextCheck.scan(Path.of("src/main/resources/templates"));
		assertThat(findings).as("hard-coded text in templates:%n%s",
				String.join(System.lineSeparator(), findings.stream().map(Object::toString).toList())).isEmpty();
	}

	@Test
	void checkFindsEveryKindOfHardCodedTextInATemplateMadeToFail() throws Exception {
		List<TemplateTextCheck.Finding> findings = TemplateTextCheck
			.check(Path.of("src/test/resources/template-check/hard-coded.html"));
		List<String> what = findings.stream().map(TemplateTextCheck.Finding::what).toList();
		assertThat(what).anySatisfy(w -> assertThat(w).contains("text \"Patient list\""));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("placeholder=\"Search patients\""));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("title=\"Open the chart\""));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("alt=\"Patient photo\""));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("aria-label=\"Close\""));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("th:text holds a literal text"));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("text \"Save\""));
		assertThat(what).anySatisfy(w -> assertThat(w).contains("button label value=\"Send now\""));
		assertThat(what).noneSatisfy(w -> assertThat(w).contains("draft"));
		// and nothing that is allowed: message keys, replaced bodies, symbols, scripts
		assertThat(what).noneSatisfy(w -> assertThat(w).contains("Replaced at run time"));
		assertThat(what).noneSatisfy(w -> assertThat(w).contains("console"));
		assertThat(findings).hasSize(8);
	}
}
