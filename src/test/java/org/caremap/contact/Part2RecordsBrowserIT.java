package org.caremap.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caremap.access.DisclosureConsents;
import org.caremap.assessment.Answers;
import org.caremap.assessment.Assessments;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Part2People;
import org.caremap.support.Today;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * 42 CFR Part 2 on the notes and assessments tabs, in a browser: the standard case's manager sees the line saying how
 * many records were withheld, then, under the patient's consent, the program's records labelled with the notice
 * against redisclosure (the full text opened with the keyboard); the program's case manager sees them labelled; the
 * same on a phone. Every page passes axe.
 */
class Part2RecordsBrowserIT extends BrowserTest {

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired Contacts contacts;
	@Autowired Notes notes;
	@Autowired Assessments assessments;
	@Autowired DisclosureConsents consents;

	private void signInAs(UserView who) {
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(who.username());
		driver.findElement(By.id("password")).sendKeys(Part2People.PASSWORD);
		go(driver.findElement(By.id("sign-in")));
	}

	@Test
	void withheldThenShownUnderAConsentWithTheNotice() throws Exception {
		Part2People p = new Part2People(accounts, organizations, programs, registry, cases, users);
		p.actors.run(p.inside.username(), () -> {
			contacts.log(new NewContact(p.patient, p.part2Case, ContactKinds.Type.IN_PERSON, ContactKinds.Direction.OUTBOUND,
					ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED, Instant.now().minusSeconds(3600), 30,
					ContactKinds.StaffKind.CLINICAL_STAFF, "Group session attended; relapse plan reviewed", List.of()));
			var note = notes.draft(p.patient, p.part2Case, new NoteContent(NoteFormat.SOAP, List.of(
					"Reports cravings in the evenings.", "Attended 3 of 4 group sessions.", "Early remission, engaged.",
					"Continue groups; call Thursday."), null, null, null));
			notes.sign(note);
			Map<String, List<String>> audit = new LinkedHashMap<>();
			audit.put("auditc-1", List.of("LA18928-4"));
			audit.put("auditc-2", List.of("LA15695-2"));
			audit.put("auditc-3", List.of("LA18933-4"));
			var id = assessments.assign(p.patient, p.part2Case, "audit-c", Today.date());
			assessments.complete(id, Answers.of(audit), null, 0);
		});
		p.actors.run(p.outside.username(), () -> notes.sign(notes.draft(p.patient, p.standardCase, new NoteContent(NoteFormat.SOAP,
				List.of("Blood pressure 132/84 at home.", "", "Controlled.", "Recheck in a month."), null, null, null))));
		String chart = "/patients/" + p.patient.value();

		driver = Chrome.start(1366, 1000);
		signInAs(p.outside);
		driver.get(url(chart + "/notes"));
		assertThat(driver.findElement(By.cssSelector("[data-part2-withheld]")).getText())
			.isEqualTo("1 record from a confidential substance-use program is withheld from you (42 CFR Part 2).");
		assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("cravings");
		shot("part2-notes-withheld");
		driver.get(url(chart + "/assessments"));
		assertThat(driver.findElement(By.cssSelector("[data-part2-withheld]")).getText()).startsWith("1 record");
		assertThat(driver.findElements(By.id("done-assessments"))).isEmpty();

		p.consentForOutside(consents);
		driver.get(url(chart + "/notes"));
		assertThat(driver.findElement(By.cssSelector("[data-part2-notice]")).getText())
			.startsWith("42 CFR part 2 prohibits unauthorized use or disclosure of these records.");
		assertThat(driver.findElements(By.cssSelector("[data-part2]"))).hasSizeGreaterThanOrEqualTo(2);
		driver.findElement(By.cssSelector("[data-part2-notice] summary")).sendKeys(org.openqa.selenium.Keys.ENTER);
		assertThat(driver.findElement(By.cssSelector("[data-part2-notice] details")).getAttribute("open")).isNotNull();
		assertThat(driver.findElement(By.cssSelector("[data-part2-notice] details")).getText()).contains("42 CFR 2.31");
		shot("part2-notes-consent");
		driver.get(url(chart + "/assessments"));
		assertThat(driver.findElement(By.id("done-assessments")).getText()).contains("AUDIT-C").contains("Part 2");
		shot("part2-assessments-consent");

		signInAs(p.inside);
		driver.get(url(chart + "/notes"));
		assertThat(driver.findElements(By.cssSelector("[data-part2-notice]"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector("[data-part2]"))).isNotEmpty();
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		driver.navigate().refresh();
		fitsThePhone("the notes tab with Part 2 records");
		driver.get(url(chart + "/assessments"));
		fitsThePhone("the assessments tab with a Part 2 assessment");
		assertThat(driver.findElement(By.id("flags")).getText()).contains("Part 2");
		shot("part2-assessments-phone");
	}
}
