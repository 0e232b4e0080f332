package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Caremap in Spanish, by keyboard: the sign-in page switches to Español; a case manager signed in in English
 * switches with the link at the top, and her caseload, a chart (with its dates) and a form with field errors read in
 * Spanish; she signs out and in again and Caremap still speaks Spanish (the choice is kept on her account); the
 * account page says so and switches her back. Every page passes axe. The case manager is made for this test, so
 * the demo users keep their language.
 */
class SpanishBrowserIT extends BrowserTest {

	private static final String PASSWORD = "Spanish-browser-password-1";

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;

	private void signInAs(String username) {
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		go(driver.findElement(By.id("sign-in")));
	}

	private String lang() {
		return driver.findElement(By.tagName("html")).getAttribute("lang");
	}

	private String h1() {
		return driver.findElement(By.tagName("h1")).getText();
	}

	private String main() {
		return driver.findElement(By.id("main")).getText();
	}

	@Test
	void aCaseManagerSwitchesToSpanishReadsHerPagesInSpanishAndKeepsTheChoice() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		UserView rosa = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(
				"es.rosa." + suffix, "Rosa Medina " + suffix, null, Set.of(Role.CASE_MANAGER), PASSWORD, false)));
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Spanish browser " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		PatientId patient = Actors.newPatient(registry, org.id(), "Quintana" + suffix);
		LocalDate today = LocalDate.now(org.zone());
		SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				rosa.id(), today, new Consent(today, ConsentMethod.VERBAL, "Quintana", true, true, true, true), Acuity.HIGH,
				"Spanish browser test")));

		driver = Chrome.start(1366, 1000);

		// the sign-in page, in English for an English browser, switches to Español by keyboard
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		assertThat(lang()).isEqualTo("en");
		assertThat(h1()).isEqualTo("Sign in to Caremap");
		WebElement toSpanish = driver.findElement(By.id("cm-language"));
		assertThat(toSpanish.getText()).isEqualTo("Español");
		assertThat(toSpanish.getAttribute("lang")).isEqualTo("es");
		go(toSpanish);
		assertThat(lang()).isEqualTo("es");
		assertThat(h1()).isEqualTo("Iniciar sesión en Caremap");
		assertThat(driver.findElement(By.cssSelector("label[for=password]")).getText()).isEqualTo("Contraseña");
		shot("spanish-login");

		// Rosa signs in (a fresh browser session: English), then switches with the link at the top of the page
		signInAs(rosa.username());
		assertThat(lang()).isEqualTo("en");
		assertThat(driver.findElement(By.cssSelector("a.nav-link[href$='/caseload']")).getText()).isEqualTo("My caseload");
		go(driver.findElement(By.id("cm-language")));
		assertThat(lang()).isEqualTo("es");
		assertThat(driver.findElement(By.cssSelector("a.nav-link[href$='/caseload']")).getText()).isEqualTo("Mis casos");
		assertThat(driver.findElement(By.id("cm-language")).getText()).isEqualTo("English");

		// her caseload in Spanish
		go(driver.findElement(By.cssSelector("a.nav-link[href$='/caseload']")));
		assertThat(h1()).isEqualTo("Mis casos");
		assertThat(main()).contains("1 caso abierto").contains("Quintana" + suffix).contains("Alto")
			.doesNotContain("open case").doesNotContain("Acuity");
		fitsThePhone("the caseload in Spanish at 1366 pixels (the longer labels wrap, the page does not widen)");
		shot("spanish-caseload");

		// the patient's chart in Spanish, dates too (born 17 May 1950: "17 may 1950", a Wednesday: "mié")
		go(driver.findElement(By.partialLinkText("Quintana" + suffix)));
		String header = driver.findElement(By.id("chart-header")).getText();
		assertThat(header).contains("años").contains("may 1950").doesNotContain("years").doesNotContain("May");
		assertThat(main()).contains("Resumen").contains("Red de apoyo").contains("Afecciones")
			.doesNotContain("Support network");
		fitsThePhone("the chart in Spanish at 1366 pixels");
		shot("spanish-chart");

		// a form with field errors: the contact log without its minutes
		go(driver.findElement(By.id("action-log-contact")));
		assertThat(h1()).isEqualTo("Registrar un contacto");
		driver.findElement(By.id("minutes")).clear();
		go(driver.findElement(By.id("log-contact")));
		assertThat(driver.findElement(By.cssSelector("#main .alert-danger")).getText()).isEqualTo("Corrija los campos marcados abajo.");
		assertThat(driver.findElement(By.id("minutes-error")).getText()).isEqualTo("Este campo es obligatorio.");
		assertThat(driver.findElement(By.id("minutes")).getAttribute("class")).contains("is-invalid");
		shot("spanish-form-errors");

		// the switch held for this visit only; she keeps Spanish on her account page (its form, a POST)
		driver.get(url("/account"));
		assertThat(driver.findElement(By.cssSelector("#language-form input[value=es]")).isSelected()).isTrue();
		go(driver.findElement(By.id("language-save")));

		// signed out and in again, in a new browser session: Caremap still speaks Spanish
		driver.findElement(By.id("cm-user-menu")).click();
		go(driver.findElement(By.id("cm-sign-out")));
		signInAs(rosa.username());
		assertThat(lang()).isEqualTo("es");
		assertThat(driver.findElement(By.cssSelector("a.nav-link[href$='/caseload']")).getText()).isEqualTo("Mis casos");

		// the account page shows the choice and takes her back to English
		driver.get(url("/account"));
		assertThat(h1()).isEqualTo("Su cuenta");
		WebElement spanish = driver.findElement(By.cssSelector("#language-form input[value=es]"));
		assertThat(spanish.isSelected()).isTrue();
		shot("spanish-account");
		driver.findElement(By.cssSelector("#language-form input[value=en]")).click();
		go(driver.findElement(By.id("language-save")));
		assertThat(lang()).isEqualTo("en");
		assertThat(main()).contains("Your language is saved.");
		signInAs(rosa.username());
		assertThat(lang()).isEqualTo("en");
	}
}
