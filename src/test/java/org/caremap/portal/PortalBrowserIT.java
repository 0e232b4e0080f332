package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.caremap.appointment.Appointments;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal on a phone-sized screen (375 x 740), with axe on every page: an invited patient opens their account
 * with a printed code, signs in and reads their care plan in Spanish; a family member told "appointments only" sees
 * the appointments and nothing else.
 */
class PortalBrowserIT extends BrowserTest {

	@Autowired
	PortalAccounts accounts;

	@Autowired
	PortalInvitations invitations;

	@Autowired
	PatientRegistry patients;

	@Autowired
	Appointments appointments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anInvitedPatientOpensTheirAccountSignsInAndReadsThePlanInSpanish() throws Exception {
		PatientId patient = PortalFixtures.demoPatientWithPlan(jdbc);
		PortalInvitations.Invitation invitation = SystemActor.call("test", List.of("SYSTEM"), () -> {
			invitations.ofPatient(patient).stream()
				.filter(a -> a.supportContact() == null && a.status() != PortalAccountView.Status.REVOKED)
				.forEach(a -> invitations.revoke(patient, a.id()));
			return invitations.invite(patient, null, "Demo Patient", PortalInvitations.Channel.PRINTED, null,
					java.util.Locale.ENGLISH);
		});
		String login = "phone-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "blue herons at the creek";
		driver = Chrome.start(375, 740);
		driver.get(url("/portal/login"));
		shot("portal-login");
		go(driver.findElement(By.id("have-code")));
		driver.findElement(By.id("code")).sendKeys(invitation.code());
		driver.findElement(By.id("login")).sendKeys(login);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("confirm")).sendKeys(password);
		fitsThePhone("the welcome page");
		go(driver.findElement(By.id("welcome-submit")));
		assertThat(driver.getCurrentUrl()).contains("/portal/login");
		driver.findElement(By.id("username")).sendKeys(login);
		driver.findElement(By.id("password")).sendKeys(password);
		go(driver.findElement(By.id("sign-in")));
		assertThat(driver.findElement(By.id("portal-greeting")).getText()).contains("Hello");
		assertThat(driver.findElements(By.id("section-CARE_PLAN"))).hasSize(1);
		fitsThePhone("the portal home");
		shot("portal-home");

		// the language switch, by keyboard
		go(driver.findElement(By.id("portal-lang")));
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
		assertThat(driver.findElement(By.id("portal-greeting")).getText()).startsWith("Hola");
		go(driver.findElement(By.cssSelector("#section-CARE_PLAN a")));
		assertThat(driver.findElement(By.id("plan-title")).getText()).isEqualTo("Mi plan de cuidado");
		assertThat(driver.findElement(By.id("plan-goals-title")).getText()).isEqualTo("Mis metas");
		assertThat(driver.findElements(By.cssSelector("#plan-goals li"))).isNotEmpty();
		fitsThePhone("the plan");
		shot("portal-plan-es");

		// the switch held for this visit; the account page keeps Spanish for the next sign-in (its form, by keyboard)
		driver.get(url("/portal"));
		go(driver.findElement(By.id("portal-security-link")));
		assertThat(driver.findElement(By.id("language-es")).isSelected()).isTrue();
		go(driver.findElement(By.id("language-save")));
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
		assertThat(driver.findElement(By.id("language-es")).isSelected()).isTrue();
		fitsThePhone("the account page");
		shot("portal-account");
		// the second factor's set-up: the key as a QR code an authenticator app scans, named by the step's words
		var qr = driver.findElement(By.id("totp-qr"));
		assertThat(qr.getAttribute("aria-labelledby")).isEqualTo("totp-qr-label");
		assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(150);
		driver.executeScript("document.getElementById('totp-setup').scrollIntoView({behavior: 'instant', block: 'start'})");
		shot("portal-second-factor");
	}

	@Test
	void aFamilyMemberToldAppointmentsOnlySeesTheAppointmentsAndNothingElse() throws Exception {
		PatientId patient = PortalFixtures.demoPatientWithPlan(jdbc);
		UUID contact = PortalFixtures.contact(patients, patient, "Tomas Reyes " + UUID.randomUUID().toString().substring(0, 4),
				SupportContact.Disclosure.APPOINTMENTS);
		PortalLogin proxy = PortalLogins.proxy(accounts, patient, contact, "Tomas Reyes");
		UUID appointment = PortalFixtures.appointment(appointments, patient, "Dr. Ana Ortiz");
		driver = Chrome.start(375, 740);
		PortalLogins.signIn(driver, url(""), proxy);
		assertThat(driver.findElement(By.id("portal-greeting")).getText()).contains("Tomas Reyes");
		assertThat(driver.findElements(By.cssSelector("#portal-sections > li"))).hasSize(1);
		assertThat(driver.findElements(By.id("section-APPOINTMENTS"))).hasSize(1);
		assertThat(driver.findElements(By.id("section-CARE_PLAN"))).isEmpty();
		shot("portal-proxy-home");
		go(driver.findElement(By.cssSelector("#section-APPOINTMENTS a")));
		assertThat(driver.findElement(By.id("appointment-" + appointment)).getText()).contains("Dr. Ana Ortiz");
		fitsThePhone("the appointments");
		shot("portal-proxy-appointments");
		for (String hidden : List.of("/portal/plan", "/portal/tasks", "/portal/medications", "/portal/team", "/portal/referrals", "/portal/sharing")) {
			driver.get(url(hidden));
			assertThat(driver.findElements(By.id("plan-title"))).as(hidden).isEmpty();
			assertThat(driver.getPageSource()).as(hidden).doesNotContain("Dr. Ana Ortiz").doesNotContain("medication-list");
		}
	}

	@Test
	void theCaseManagerSeesWhoHasAPortalAccountOnTheChartAndPrintsAnInvitation() throws Exception {
		PatientId patient = PortalFixtures.demoPatientWithPlan(jdbc);
		PortalFixtures.contact(patients, patient, "Elena Park " + UUID.randomUUID().toString().substring(0, 4),
				SupportContact.Disclosure.CARE_PLAN);
		driver = Chrome.start(1280, 900);
		signIn("casemanager");
		driver.get(url("/patients/" + patient + "/portal"));
		assertThat(driver.findElement(By.id("portal-people")).getText()).contains("Elena Park");
		shot("portal-staff-tab");
		List<org.openqa.selenium.WebElement> print = driver.findElements(By.cssSelector("button[id^='invite-print-']"));
		go(print.get(print.size() - 1));
		assertThat(driver.findElement(By.id("invitation-code")).getText()).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
		shot("portal-invitation-print");
	}
}
