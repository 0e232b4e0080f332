package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.access.DisclosureConsents;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * 42 CFR Part 2 on the chart in a real browser, with the keyboard: the program's case manager records a diagnosis
 * with the label ticked for her and sees the labelled case, plan and diagnosis; the case manager of the patient's other
 * program sees a line saying how many records are withheld instead, and the notice once the patient consents. Axe
 * checks every page; the screenshots are the README's.
 */
class Part2BrowserIT extends BrowserTest {

	@Autowired Cases cases;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired CarePlans plans;
	@Autowired DisclosureConsents consents;

	@Test
	void insideTheProgramTheRecordsCarryTheLabelOutsideTheyAreCountedAndUnderAConsentTheNoticeShows() throws Exception {
		Actors actors = new Actors(users);
		Part2Fixtures fixtures = new Part2Fixtures(actors, cases, patients, programs, organizations, accounts);
		var p = fixtures.enrolled("Rivera" + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9-]", "x"));
		actors.run(Part2Fixtures.INSIDE, () -> {
			CarePlanView plan = plans.open(p.part2Case());
			UUID problem = UUID.randomUUID();
			plans.save(plan.id(), plan.version(), new CarePlanContent(
					List.of(new CarePlanContent.Problem(problem, "Opioid use disorder in early remission", null, null, null,
							CarePlanContent.ProblemStatus.ACTIVE, null, Map.of())),
					List.of(new CarePlanContent.Goal(UUID.randomUUID(), problem, "Stay in treatment",
							"attends every weekly group", CarePlanContent.Term.SHORT, LocalDate.of(2027, 6, 1),
							CarePlanContent.Lifecycle.ACTIVE, CarePlanContent.Achievement.IN_PROGRESS, null, Map.of(), Map.of())),
					List.of(), List.of()), "Plan written with the patient");
		});
		String chart = "/patients/" + p.patient();

		driver = Chrome.start(1366, 900);
		signIn(Part2Fixtures.INSIDE);
		driver.get(url(chart));
		WebElement summary = driver.findElement(By.cssSelector("#condition-form")).findElement(By.xpath("./preceding-sibling::summary"));
		summary.sendKeys(Keys.ENTER);
		WebElement box = driver.findElement(By.id("condition-part2"));
		assertThat(box.isSelected()).as("ticked for a reader inside the program").isTrue();
		driver.findElement(By.id("condition-code")).sendKeys("F11.21");
		driver.findElement(By.id("condition-display")).sendKeys("Opioid dependence, in remission");
		go(driver.findElement(By.cssSelector("#condition-form button[type=submit]")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The condition was added");
		WebElement list = driver.findElement(By.id("condition-list"));
		assertThat(list.getText()).contains("Opioid dependence, in remission", "Part 2");
		driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", list);
		shot("part2-condition-inside");
		driver.get(url(chart + "/cases"));
		assertThat(driver.findElement(By.cssSelector("[data-case='" + p.part2Case() + "'] .cm-part2-label")).isDisplayed()).isTrue();
		shot("part2-cases-inside");
		driver.get(url(chart + "/care-plan?case=" + p.part2Case()));
		assertThat(driver.findElement(By.cssSelector(".cm-part2-label")).isDisplayed()).isTrue();
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
		quitChecked();

		driver = Chrome.start(1366, 900);
		signIn(Part2Fixtures.OUTSIDE);
		driver.get(url(chart + "/cases"));
		assertThat(driver.findElement(By.cssSelector(".cm-part2-withheld")).getText())
			.contains("1 record from a confidential substance-use program is withheld from you");
		assertThat(driver.findElements(By.cssSelector("[data-case='" + p.part2Case() + "']"))).isEmpty();
		shot("part2-cases-outside");
		driver.get(url(chart));
		assertThat(driver.findElement(By.id("condition-list")).getText()).doesNotContain("Opioid");
		assertThat(driver.findElement(By.id("condition-part2")).isSelected()).as("not ticked outside the program").isFalse();
		quitChecked();

		fixtures.consentForOutside(consents, p.patient());
		driver = Chrome.start(390, 844);
		signIn(Part2Fixtures.OUTSIDE);
		driver.get(url(chart + "/care-plan?case=" + p.part2Case()));
		WebElement notice = driver.findElement(By.cssSelector(".cm-part2-notice"));
		assertThat(notice.getText()).contains("42 CFR part 2 prohibits unauthorized use or disclosure of these records.");
		notice.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
		assertThat(notice.getText()).contains("protected by Federal confidentiality rules (42 CFR part 2)");
		driver.executeScript("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", notice);
		fitsThePhone("the plan under a consent");
		shot("part2-careplan-consent-phone");
	}
}
