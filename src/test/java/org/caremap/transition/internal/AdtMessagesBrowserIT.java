package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.caremap.organization.Organizations;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The message log and the unmatched queue in a real browser, by keyboard: the administrator sees every message
 * with its channel, status and error (not its text), filters the rejected ones, and processes an unmatched message
 * again once the patient is registered; intake reads an unmatched message and links it to the patient by a record
 * number, after which the stay is recorded for that patient and the hospital's number kept on the patient.
 */
class AdtMessagesBrowserIT extends BrowserTest {

	@Autowired MllpListener listener;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired JdbcClient jdbc;

	private static String a01(String control, String pid3, String family) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A01|" + control + "|P|2.5.1\r"
				+ "EVN|A01|20261120103000\r" + "PID|1||" + pid3 + "||" + family + "^TEST||19440203|M\r"
				+ "PV1|1|I|4W^401^1^RGH||||||||||||||||V-" + control + "|||||||||||||||||||||||||20261120090000\r";
	}

	private WebElement row(String control) {
		return driver.findElement(By.cssSelector("#adt-messages tr[data-control='" + control + "']"));
	}

	private String flash() {
		return driver.findElement(By.cssSelector(".alert-success, .alert-danger")).getText();
	}

	@Test
	void theLogShowsWhatHappenedAndUnmatchedMessagesAreReprocessedOrLinked() throws Exception {
		String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
		String later = "W" + u;
		String unknown = "Q" + u;
		String broken = "B" + u;
		assertThat(Mllp.code(Mllp.send(listener.port(), a01(later, "RGH-" + later + "^^^RIVERSIDE^MR", "WRENBROOK")))).isEqualTo("AA");
		assertThat(Mllp.code(Mllp.send(listener.port(), a01(unknown, "RGH-" + unknown + "^^^RIVERSIDE^MR", "QUILLFEATHER")))).isEqualTo("AA");
		String noPid = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A01|" + broken
				+ "|P|2.5.1\rEVN|A01|20261120103000\r";
		assertThat(Mllp.code(Mllp.send(listener.port(), noPid))).isEqualTo("AE");
		// acknowledged once stored, applied a moment later
		assertThat(AdtApplied.status(jdbc, later)).isEqualTo("UNMATCHED");
		assertThat(AdtApplied.status(jdbc, unknown)).isEqualTo("UNMATCHED");

		driver = Chrome.start(1366, 900);
		signIn("admin");
		driver.findElement(By.linkText("Administration")).sendKeys(Keys.ENTER); // opens the menu, stays on the page
		Chrome.press(driver, driver.findElement(By.linkText("ADT messages")));
		assertThat(row(later).getText()).contains("MLLP").contains("Waiting for a patient").contains("A01 2.5.1");
		assertThat(row(broken).getText()).contains("Rejected").contains("AE");
		assertThat(driver.findElement(By.id("adt-backlog")).getText()).isEqualTo("Every message received has been applied.");
		// the administrator runs the feed, but does not read the messages' text
		assertThat(driver.getPageSource()).doesNotContain("QUILLFEATHER");
		Chrome.press(driver, driver.findElement(By.linkText("Rejected")));
		assertThat(driver.findElements(By.cssSelector("#adt-messages tbody tr")))
			.allSatisfy(r -> assertThat(r.getText()).contains("Rejected"));
		assertThat(row(broken).isDisplayed()).isTrue();
		Chrome.shot(driver, "adt-messages");
		// the patient gets registered with the hospital's number; processing the message again now applies it
		PatientId wren = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Wrenbrook",
				new PatientIdentifier(IdentifierType.MR, "urn:test:riverside", "RGH-" + later, "RIVERSIDE"));
		Chrome.press(driver, driver.findElement(By.linkText("All")));
		Chrome.press(driver, row(later).findElement(By.cssSelector("button[type=submit]")));
		assertThat(flash()).contains("The message is applied.");
		assertThat(row(later).getText()).contains("Applied");
		assertThat(row(later).findElements(By.cssSelector("button"))).isEmpty();
		// the broken one stays rejected when processed again, and says so
		Chrome.press(driver, row(broken).findElement(By.cssSelector("button[type=submit]")));
		assertThat(flash()).contains("cannot be read");
		assertThat(jdbc.sql("select count(*) from encounter where patient_id = ?").param(wren.value()).query(Long.class).single())
			.isEqualTo(1);

		// intake: the unmatched queue shows the message; linking it by a record number applies it
		PatientId larkspur = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Larkspur");
		String mrn = jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(larkspur.value())
			.query(String.class).single();
		signIn("intake");
		Chrome.press(driver, driver.findElement(By.linkText("Outreach")));
		Chrome.press(driver, driver.findElement(By.id("tab-unmatched")));
		WebElement waiting = driver.findElement(By.cssSelector("article[data-control='" + unknown + "']"));
		assertThat(waiting.getText()).contains("QUILLFEATHER^TEST").contains("RGH-" + unknown);
		assertThat(driver.findElements(By.cssSelector("article[data-control='" + later + "']"))).isEmpty();
		Chrome.shot(driver, "adt-unmatched");
		// a number nobody holds is refused in plain words and links nothing
		waiting.findElement(By.name("recordNumber")).sendKeys("NOBODY-" + u);
		Chrome.press(driver, waiting.findElement(By.cssSelector("button[type=submit]")));
		assertThat(flash()).contains("NOBODY-" + u);
		waiting = driver.findElement(By.cssSelector("article[data-control='" + unknown + "']"));
		waiting.findElement(By.name("recordNumber")).sendKeys(mrn);
		Chrome.press(driver, waiting.findElement(By.cssSelector("button[type=submit]")));
		assertThat(flash()).contains("The message is applied.");
		assertThat(driver.findElements(By.cssSelector("article[data-control='" + unknown + "']"))).isEmpty();
		assertThat(jdbc.sql("select value from patient_identifier where patient_id = ?").param(larkspur.value())
			.query(String.class).list()).contains("RGH-" + unknown);
		// the stay is recorded (intake does not read the chart of a patient nobody cares for yet)
		assertThat(jdbc.sql("select count(*) from encounter where patient_id = ?").param(larkspur.value()).query(Long.class)
			.single()).isEqualTo(1);
		Chrome.press(driver, driver.findElement(By.linkText("Outreach")));
		Chrome.press(driver, driver.findElement(By.id("tab-messages")));
		assertThat(row(unknown).getText()).contains("Applied");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
		assertThat(List.of(later, unknown)).allSatisfy(c -> assertThat(jdbc.sql(
				"select reprocessed_by from adt_message where control_id = ?").param(c).query(String.class).single()).isNotBlank());
	}
}
