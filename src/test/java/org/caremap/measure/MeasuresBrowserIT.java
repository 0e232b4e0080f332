package org.caremap.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.portal.PortalAccounts;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Self-reported measures in a real browser: on a phone-sized screen (375 x 740) the patient enters a blood pressure
 * reading and sees it charted beside the earlier ones; the case manager sees the readings on the chart's Measures tab
 * (1366 x 768). Axe finds no WCAG 2.1 AA violation on either page; screenshots go to docs/screenshots.
 */
@ExtendWith(Chrome.Required.class)
class MeasuresBrowserIT extends BrowserTest {

	@Autowired Measures measures;
	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;

	@Test
	void onAPhoneThePatientEntersABloodPressureAndSeesItChartedAndTheCaseManagerSeesItOnTheChart() throws Exception {
		String family = "Lectura" + UUID.randomUUID().toString().substring(0, 6);
		PatientId patient = PortalFixtures.patient(patients, organizations, family, "Grace", "en");
		PortalWorkFixtures.onDanasCaseload(programs, cases, users, details, patient);
		PortalLogin login = PortalLogins.patient(accounts, patient, "Grace " + family);
		int[][] earlier = { { 138, 88 }, { 134, 86 }, { 141, 90 }, { 131, 83 }, { 129, 82 }, { 133, 84 } };
		for (int i = 0; i < earlier.length; i++) {
			int[] r = earlier[i];
			Instant at = Instant.now().minus(Duration.ofDays(earlier.length - i)).minus(Duration.ofHours(2));
			PortalWorkFixtures.asPortal(accounts, login, () -> measures.record(new NewReading(patient,
					MeasureKind.BLOOD_PRESSURE, r[0], r[1], null, null, at, null)));
		}
		PortalWorkFixtures.asPortal(accounts, login, () -> measures.record(new NewReading(patient, MeasureKind.WEIGHT, null,
				null, new BigDecimal("74.5"), "kg", Instant.now().minus(Duration.ofDays(2)), null)));

		driver = Chrome.start(375, 740);
		PortalLogins.signIn(driver, url(""), login);
		go(driver.findElement(By.cssSelector("#section-MEASURES a")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("How I am doing");
		driver.findElement(By.id("systolic")).sendKeys("127");
		driver.findElement(By.id("diastolic")).sendKeys("81");
		go(driver.findElement(By.id("save-reading")));
		assertThat(driver.getPageSource()).contains("Your reading is saved.");
		assertThat(driver.findElement(By.id("readings")).getText()).contains("127/81");
		assertThat(driver.findElement(By.id("measure-chart")).getAttribute("data-y")).endsWith(",127");
		assertThat(driver.findElements(By.cssSelector("#measure-chart .uplot canvas"))).as("the chart is drawn").isNotEmpty();
		assertThat(driver.findElement(By.id("takenAt")).getAttribute("value")).as("the time defaults to now").isNotBlank();
		fitsThePhone("measures");
		driver.executeScript("document.getElementById('measure-chart-figure').scrollIntoView({behavior: 'instant', block: 'start'})");
		shot("portal-measures");
		quitChecked();

		driver = Chrome.start(1366, 768);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.value() + "/measures"));
		assertThat(driver.findElement(By.id("readings")).getText()).contains("127/81").contains("Grace " + family);
		assertThat(driver.findElements(By.cssSelector("#measure-chart .uplot canvas"))).isNotEmpty();
		assertThat(driver.findElement(By.id("measure-form"))).isNotNull();
		shot("chart-measures");
	}
}
