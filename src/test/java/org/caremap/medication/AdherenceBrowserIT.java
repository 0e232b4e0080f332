package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo patient who refills late, as the case manager sees her: the header's adherence flag, the follow-up task the
 * task module made, the adherence page with the PDC and the timeline of fills and gaps; changing a medication with a
 * missing name and reason keeps what was typed and names each error; the pages fit a 390 px phone.
 */
class AdherenceBrowserIT extends BrowserTest {

	@Autowired JdbcClient jdbc;

	@Test
	void aLateRefillerIsFlaggedFollowedUpAndShownWithHerGaps() throws Exception {
		Map<String, Object> flagged = jdbc.sql("""
				select a.patient_id, a.drug_class, a.period, round(a.pdc * 100) pct from medication_adherence a
				join care_relationship r on r.patient_id = a.patient_id and r.valid_to is null
				join user_account u on u.id = r.user_id and u.username = 'casemanager'
				where a.pdc < 0.8 order by a.pdc limit 1""").query().singleRow();
		UUID patient = (UUID) flagged.get("patient_id");
		// the task module heard AdherenceGapFound: one follow-up for the case manager, naming the care-plan template
		String description = Eventually.value("the adherence follow-up task", () -> jdbc.sql("""
				select description from task where patient_id = ? and source = ? and title like 'Adherence gap:%'""")
			.params(patient, "adherence:" + patient + ":" + flagged.get("drug_class") + ":" + flagged.get("period"))
			.query(String.class).optional().orElse(""), d -> !d.isEmpty());
		assertThat(description).contains("Taking medicines as prescribed").contains("%");

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		String chart = "/patients/" + patient;
		driver.get(url(chart));
		String header = driver.findElement(By.cssSelector("a.cm-flag[href$='/medications/adherence']")).getText();
		assertThat(header).startsWith("Adherence:").endsWith(flagged.get("pct").toString().replaceAll("\\.0*$", "") + "%");
		go(driver.findElement(By.cssSelector("a.cm-flag[href$='/medications/adherence']")));
		var section = driver.findElement(By.cssSelector("section[data-class='" + flagged.get("drug_class") + "']"));
		assertThat(section.getText()).contains("Below 80%").contains("Gaps:");
		assertThat(section.findElements(By.cssSelector("svg rect"))).hasSizeGreaterThan(2);
		assertThat(driver.findElement(By.id("fills")).getText()).contains("Lakeshore Drug");
		shot("medication-adherence");

		// the patient's timeline tells of it, with the list's changes
		driver.get(url(chart + "/timeline"));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Adherence below 80%")
			.contains("Medication added to the list");

		// a change with the name erased and no reason: both named, the rest kept
		driver.get(url(chart + "/medications"));
		go(driver.findElement(By.cssSelector("a[id^='change-']")));
		driver.findElement(By.id("dose")).clear();
		driver.findElement(By.id("dose")).sendKeys("3 tablets");
		driver.findElement(By.id("name")).clear();
		go(driver.findElement(By.id("save-medication")));
		assertThat(driver.findElement(By.id("name-error")).getText()).isEqualTo("This field is required.");
		assertThat(driver.findElement(By.id("reason-error")).getText()).isEqualTo("Say why.");
		assertThat(driver.findElement(By.id("dose")).getAttribute("value")).isEqualTo("3 tablets");

		// on a phone: the medications tab, the adherence page and a reconciliation are no wider than the screen
		driver.quit();
		driver = Chrome.start(390, 844);
		signIn("casemanager");
		UUID rec = jdbc.sql("select id from medication_reconciliation where patient_id in "
				+ "(select patient_id from care_relationship r join user_account u on u.id = r.user_id and u.username = 'casemanager' "
				+ "where r.valid_to is null) order by created_at limit 1").query(UUID.class).single();
		UUID recPatient = jdbc.sql("select patient_id from medication_reconciliation where id = ?").param(rec).query(UUID.class).single();
		for (String page : new String[] { chart + "/medications", chart + "/medications/adherence",
				"/patients/" + recPatient + "/medications/reconciliations/" + rec }) {
			driver.get(url(page));
			Map<?, ?> sizes = (Map<?, ?>) driver.executeScript(
					"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
			assertThat(((Number) sizes.get("scroll")).longValue()).as(page + " " + sizes)
				.isLessThanOrEqualTo(((Number) sizes.get("inner")).longValue());
		}
		shot("phone-medication-reconciliation");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
