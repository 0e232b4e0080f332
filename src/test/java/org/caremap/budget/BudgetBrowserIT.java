package org.caremap.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
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
import org.caremap.support.Eventually;
import org.caremap.support.Today;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.Decision;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.UnitKind;
import org.caremap.utilization.Urgency;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The supervisor reads a program's year against its budget (chart and tables with the same figures, the bookings
 * behind a month) and sets the budget through its form; the case manager records what the patient pays for an arranged
 * service on the care plan, and the patient's copy says it in plain words. Axe finds nothing on any of the pages.
 */
class BudgetBrowserIT extends BrowserTest {

	@Autowired Budgets budgets;
	@Autowired Authorizations authorizations;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired CarePlans plans;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	private record Fixture(ProgramView program, PatientId patient, UUID intervention, UUID plan, int year) {
	}

	/** A program of its own with one patient in Dana's caseload, a plan with a home-visit intervention, 6 visits approved, 2 used. */
	private Fixture fixture(String suffix) {
		Actors actors = new Actors(users);
		int year = Today.date().getYear();
		String payer = "Browser Health " + suffix;
		OrganizationView org = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Budget browser " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		// Priya Raman supervises it: a supervisor works with the budgets of her own programs
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(),
				java.util.Set.of(accounts.findByUsername("supervisor").orElseThrow().id())));
		PatientId patient = Actors.newPatient(patients, org.id(), "Tally" + suffix);
		SystemActor.run("test", List.of("SYSTEM"), () -> patients.addCoverage(patient,
				new Coverage(null, payer, "Test plan", "B-" + suffix, null, LocalDate.of(year - 1, 1, 1), null, 1)));
		UUID coverage = SystemActor.call("test", List.of("SYSTEM"), () -> patients.details(patient).orElseThrow().coverage().get(0).id());
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Tally", true, true, true, true), Acuity.MODERATE, "budget browser")));
		actors.run("supervisor", () -> budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, payer, "G0299", null,
				LocalDate.of(year, 1, 1), null, 12_000)));
		UUID intervention = UUID.randomUUID();
		UUID plan = actors.as("casemanager", () -> {
			var kase = cases.ofPatient(patient).get(0);
			CarePlanView p = plans.open(kase.id());
			List<CarePlanContent.Intervention> items = new ArrayList<>(p.content().interventions());
			items.add(new CarePlanContent.Intervention(intervention, null, "Nurse visits at home", CarePlanContent.Owner.PROVIDER,
					null, "Twice a week", CarePlanContent.InterventionStatus.PLANNED, null, Map.of(), Map.of(), null));
			plans.save(p.id(), p.version(), new CarePlanContent(p.content().problems(), p.content().goals(), items, p.content().barriers()), "visits");
			UUID id = authorizations.draft(new NewAuthorization(patient, coverage, "Home health nursing", List.of("I50.9"), "Dr. Maria Alvarez",
					null, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Urgency.STANDARD, null,
					List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit", 6, UnitKind.VISIT)), null));
			authorizations.submit(id, Instant.now().minus(Duration.ofHours(2)));
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, new Decision(null, Instant.now().minus(Duration.ofMinutes(30)), null, List.of(
					new Decision.LineAnswer(a.lines().get(0).id(), 6, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), null))));
			authorizations.useUnits(a.lines().get(0).id(), LocalDate.of(year, 2, 9), 2, null, null);
			return p.id();
		});
		// 2 visits spent in February, 4 committed in January, at $120.00
		Eventually.until("the bookings", () -> actors.as("supervisor", () -> {
			BudgetOverview o = budgets.overview(program.id(), year);
			return o.spendCents() == 24_000 && o.committedCents() == 48_000;
		}));
		return new Fixture(program, patient, intervention, plan, year);
	}

	@Test
	void theSupervisorSeesTheYearAgainstTheBudgetAndSetsIt() throws Exception {
		Fixture f = fixture(UUID.randomUUID().toString().substring(0, 6));
		driver = Chrome.start(1366, 1000);
		signIn("supervisor");
		driver.findElement(By.id("nav-reports")).click();
		go(driver.findElement(By.id("nav-budget")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Program budget");
		new Select(driver.findElement(By.id("program"))).selectByVisibleText(f.program().name());
		new Select(driver.findElement(By.id("year"))).selectByVisibleText(String.valueOf(f.year()));
		go(driver.findElement(By.cssSelector("#budget-choice button[type=submit]")));
		assertThat(driver.findElement(By.id("budget-none")).getText()).contains("No budget is set");
		assertThat(driver.findElement(By.id("total-spend")).getText()).isEqualTo("$240");
		assertThat(driver.findElement(By.id("total-committed")).getText()).isEqualTo("$480");
		assertThat(driver.findElement(By.id("total-remaining")).getText()).isEqualTo("-$720 (over budget)");
		assertThat(driver.findElement(By.cssSelector("#month-2 td")).getText()).isEqualTo("$240");
		assertThat(driver.findElement(By.id("budget-chart")).getAttribute("data-spend")).startsWith("0.00,240.00,240.00");
		assertThat(driver.findElements(By.cssSelector("#budget-chart .uplot canvas"))).as("the chart is drawn").isNotEmpty();

		// the bookings behind February: the two visits at the payer's rate
		go(driver.findElement(By.cssSelector("#month-2 a")));
		String feb = driver.findElement(By.id("bookings-table")).getText();
		assertThat(feb).contains("Authorization").contains("Home health nursing").contains("Spend").contains("$120").contains("$240");

		// the budget form: a wrong amount is named next to its field and what was typed stays
		go(driver.findElement(By.id("budget-edit-link")));
		WebElement purchased = driver.findElement(By.id("purchasedServices"));
		purchased.sendKeys("12,000.505");
		driver.findElement(By.id("staffTime")).sendKeys("90000");
		go(driver.findElement(By.id("budget-save")));
		assertThat(driver.findElement(By.id("purchasedServices")).getAttribute("class")).contains("is-invalid");
		assertThat(driver.findElement(By.id("purchasedServices-error")).getText()).contains("Enter an amount in dollars");
		assertThat(driver.findElement(By.id("staffTime")).getAttribute("value")).isEqualTo("90000");
		WebElement again = driver.findElement(By.id("purchasedServices"));
		again.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		again.sendKeys("12,000.50");
		go(driver.findElement(By.id("budget-save")));
		assertThat(driver.getPageSource()).contains("The budget is saved.");
		assertThat(driver.findElement(By.id("total-budget")).getText()).isEqualTo("$102,000.50");
		assertThat(driver.findElement(By.id("total-remaining")).getText()).isEqualTo("$101,280.50");
		assertThat(driver.findElement(By.cssSelector("#line-PURCHASED_SERVICES td:nth-of-type(4)")).getText()).isEqualTo("$11,280.50");
		fitsThePhone("budget");

		// the demo program that spent most this year, for the README
		List<String> choices = driver.findElements(By.cssSelector("#program option")).stream().map(o -> o.getAttribute("value")).toList();
		String busiest = choices.get(0);
		long most = -1;
		for (String choice : choices) {
			driver.get(url("/budgets?program=" + choice));
			long spent = Long.parseLong(driver.findElement(By.id("total-spend")).getText().replaceAll("[^0-9]", ""));
			if (spent > most) {
				most = spent;
				busiest = choice;
			}
		}
		driver.get(url("/budgets?program=" + busiest));
		assertThat(driver.findElement(By.id("total-spend")).getText()).as("the demo spends").isNotEqualTo("$0");
		go(driver.findElement(By.cssSelector("#month-" + Today.date().getMonthValue() + " a")));
		driver.executeScript("document.getElementById('budget-choice').scrollIntoView({behavior: 'instant', block: 'start'})");
		shot("budget");
		driver.executeScript("document.getElementById('bookings').scrollIntoView({behavior: 'instant', block: 'start'})");
		shot("budget-bookings");
		go(driver.findElement(By.id("budget-rates-link")));
		assertThat(driver.findElement(By.id("rates-table")).getText()).contains("G0299");
		shot("budget-rates");
		quitChecked();

		driver = Chrome.start(390, 844);
		signIn("supervisor");
		driver.get(url("/budgets?program=" + f.program().id().value() + "&year=" + f.year()));
		fitsThePhone("budget on a phone");
		shot("budget-phone");
	}

	@Test
	void theCaseManagerRecordsWhatThePatientPaysAndTheCopySaysIt() throws Exception {
		Fixture f = fixture(UUID.randomUUID().toString().substring(0, 6));
		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url("/patients/" + f.patient().value() + "/care-plan"));
		String id = f.intervention().toString();
		assertThat(driver.findElement(By.id("share-words-" + id)).getText()).isEqualTo("not recorded");
		driver.findElement(By.id("share-edit-" + id)).sendKeys(Keys.ENTER);
		new Select(driver.findElement(By.id("share-kind-" + id))).selectByValue("COPAY");
		driver.findElement(By.id("share-amount-" + id)).sendKeys("10");
		new Select(driver.findElement(By.id("share-per-" + id))).selectByValue("VISIT");
		go(driver.findElement(By.id("share-save-" + id)));
		assertThat(driver.getPageSource()).contains("What the patient pays is saved.");
		assertThat(driver.findElement(By.id("share-words-" + id)).getText()).isEqualTo("You pay $10 per visit (your insurance copay)");
		driver.executeScript("document.getElementById('share-" + id + "').scrollIntoView({behavior: 'instant', block: 'center'})");
		shot("care-plan-patient-share");

		// a copay without its amount is refused in plain words
		driver.findElement(By.id("share-edit-" + id)).sendKeys(Keys.ENTER);
		driver.findElement(By.id("share-amount-" + id)).clear();
		go(driver.findElement(By.id("share-save-" + id)));
		assertThat(driver.getPageSource()).contains("Enter the amount the patient pays in dollars");
		assertThat(driver.findElement(By.id("share-words-" + id)).getText()).isEqualTo("You pay $10 per visit (your insurance copay)");

		Actors actors = new Actors(users);
		assertThat(text(actors.as("casemanager", () -> plans.patientCopy(f.plan(), "en")))).contains("Nurse visits at home")
			.contains("You pay $10 per visit (your insurance copay)");
		assertThat(text(actors.as("casemanager", () -> plans.patientCopy(f.plan(), "es"))))
			.contains("Usted paga $10 por visita (el copago de su seguro)");
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
	}
}
