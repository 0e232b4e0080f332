package org.caremap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outreach list links a patient's name to the chart only where the reader may open it: every link intake finds
 * there opens a chart, and the patients shown without a link are those whose charts intake may not open.
 */
class OutreachLinksIT extends IntegrationTest {

	private static final Pattern CHART_LINK = Pattern.compile("href=\"/patients/([0-9a-f-]{36})\"");

	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	@Test
	void everyChartLinkIntakeSeesOnTheOutreachListOpensAndTheOthersAreNamesOnly() {
		Browserless intake = client();
		intake.login("intake", demo.password("intake").orElseThrow());
		HttpResponse<String> page = intake.get("/transitions/outreach?days=90");
		assertThat(page.statusCode()).isEqualTo(200);
		String body = page.body();

		Set<String> rows = new LinkedHashSet<>();
		Matcher row = Pattern.compile("data-encounter=\"([0-9a-f-]{36})\"").matcher(body);
		while (row.find()) rows.add(row.group(1));
		assertThat(rows).as("outreach rows in the demo data").isNotEmpty();

		Set<String> linked = new LinkedHashSet<>();
		Matcher link = CHART_LINK.matcher(body);
		while (link.find()) linked.add(link.group(1));
		for (String patient : linked) {
			HttpResponse<String> chart = intake.get("/patients/" + patient);
			assertThat(chart.statusCode()).as("chart " + patient + " linked from the outreach list").isEqualTo(200);
		}

		// the patients of the list without a link: intake may not open their charts (the list used to link them)
		Set<String> unlinked = new LinkedHashSet<>();
		for (String encounter : rows) {
			String patient = jdbc.sql("select patient_id::text from encounter where id = ?::uuid").param(encounter)
				.query(String.class).single();
			if (!linked.contains(patient)) unlinked.add(patient);
		}
		assertThat(unlinked).as("patients intake may not open").isNotEmpty();
		assertThat(body).contains("class=\"cm-outreach-name\"");
		for (String patient : unlinked) {
			assertThat(intake.get("/patients/" + patient).statusCode()).as("chart " + patient).isEqualTo(403);
		}
	}
}
