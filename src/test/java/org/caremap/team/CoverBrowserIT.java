package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
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
import org.caremap.support.Eventually;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The main path of cover, by keyboard: a case manager names a colleague to cover (a form with a mistake first, then
 * right); work Caremap makes for her goes to the cover, who sees it on his day marked for whom; she ends the cover and
 * sees what was handled for her (the patient's tasks tab says for whom too); a supervisor puts a colleague on the
 * program's on-call rota and takes him off it at phone width. Every page passes axe; the cover page and the rota fit a
 * phone.
 */
class CoverBrowserIT extends BrowserTest {

	private static final String PASSWORD = "Cover-browser-password-1";

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired Tasks tasks;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private UserView user(String name, Role role, String suffix) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(
				"cb." + name.toLowerCase().replace(' ', '.') + "." + suffix, name, null, Set.of(role), PASSWORD, false)));
	}

	private void signInAs(UserView user) {
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(user.username());
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		go(driver.findElement(By.id("sign-in")));
	}

	private void type(String id, String value) {
		WebElement input = driver.findElement(By.id(id));
		// a date and time field takes its value as the browser's picker would give it
		driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, value);
	}

	@Test
	void aCaseManagerNamesACoverWhoSeesTheCoveredWorkAndSheSeesWhatWasHandled() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		UserView olive = user("Olive Hart " + suffix, Role.CASE_MANAGER, suffix);
		UserView carl = user("Carl Reyes " + suffix, Role.CASE_MANAGER, suffix);
		UserView sue = user("Sue Patel " + suffix, Role.SUPERVISOR, suffix);
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Cover browser " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(sue.id())));
		PatientId patient = Actors.newPatient(registry, org.id(), "Whitaker");
		LocalDate today = LocalDate.now(org.zone());
		CaseId caseId = SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				olive.id(), today, new Consent(today, ConsentMethod.VERBAL, "Whitaker", true, true, true, true), Acuity.MODERATE,
				"cover browser test")));
		Eventually.until("the new case alert", () -> jdbc.sql("select count(*) from notification where recipient_id = ? and category = 'case-assigned'")
			.param(olive.id().value()).query(Long.class).single() == 1);

		// Olive names her cover: first without choosing who, then right
		driver = Chrome.start(1366, 1000);
		signInAs(olive);
		go(driver.findElement(By.id("home-cover")));
		assertThat(driver.getCurrentUrl()).endsWith("/team/cover");
		go(driver.findElement(By.id("name-cover")));
		assertThat(driver.findElement(By.id("cover-error")).getText()).isEqualTo("Choose who covers.");
		assertThat(driver.findElement(By.id("cover")).getAttribute("class")).contains("is-invalid");
		shot("cover-form-errors");
		new Select(driver.findElement(By.id("cover"))).selectByVisibleText(carl.displayName());
		LocalDateTime now = LocalDateTime.now(org.zone()).truncatedTo(ChronoUnit.MINUTES);
		type("from", now.minusMinutes(5).toString());
		type("to", now.plusHours(8).toString());
		driver.findElement(By.id("reason")).clear();
		driver.findElement(By.id("reason")).sendKeys("Sick day");
		go(driver.findElement(By.id("name-cover")));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Cover named.");
		assertThat(driver.findElement(By.id("my-cover")).getText()).contains(carl.displayName()).contains("Sick day")
			.contains("Covering now");
		shot("cover-periods");

		// work Caremap makes for Olive goes to Carl, who sees it on his day, marked for whom
		TaskId call = SystemActor.call("test-work", List.of("SYSTEM"), () -> tasks.create(new NewTask(patient, caseId,
				TaskType.OUTREACH_CALL, "Transition call: contact within 2 business days of discharge", "Riverside General",
				olive.id(), null, TaskPriority.ASAP, null, Instant.now().plus(Duration.ofHours(4)), "cover-browser:" + suffix)));
		quitChecked();
		driver = Chrome.start(1366, 1000);
		signInAs(carl);
		driver.get(url("/myday"));
		assertThat(driver.findElement(By.id("covering-" + call)).getText()).isEqualTo("For " + olive.displayName());
		assertThat(driver.findElement(By.id("task-" + call)).getText()).contains("Whitaker");
		shot("cover-myday");
		// the patient's tasks tab says so too
		driver.get(url("/patients/" + patient.value() + "/tasks"));
		assertThat(driver.findElement(By.cssSelector("#task-" + call + " .task-owner")).getText()).isEqualTo(carl.displayName());
		assertThat(driver.findElement(By.id("covering-" + call)).getText()).isEqualTo("For " + olive.displayName());
		shot("cover-chart-tasks");
		quitChecked();

		// at phone width Olive ends the cover: the call comes back to her, and her day shows what happened meanwhile
		driver = Chrome.start(390, 844);
		signInAs(olive);
		driver.get(url("/team/cover"));
		fitsThePhone("the cover page");
		shot("cover-phone");
		UUID period = jdbc.sql("select id from cover_period where owner_id = ?").param(olive.id().value()).query(UUID.class).single();
		go(driver.findElement(By.id("end-" + period)));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Cover ended");
		Eventually.until("the call back with Olive", () -> olive.id().value().equals(jdbc.sql("select owner_user_id from task where id = ?")
			.param(call.value()).query(UUID.class).single()));
		driver.get(url("/myday"));
		assertThat(driver.findElement(By.id("handled-" + call)).getText()).contains(carl.displayName()).contains("Back with you");
		fitsThePhone("my day with what was handled");
		quitChecked();
		driver = Chrome.start(1366, 1000);
		signInAs(olive);
		driver.get(url("/myday"));
		assertThat(driver.findElement(By.id("handled-list")).getText()).contains("Transition call").contains("Back with you");
		shot("cover-handled");
		quitChecked();

		// Sue puts Carl on call for her program tomorrow night
		driver = Chrome.start(1366, 1000);
		signInAs(sue);
		go(driver.findElement(By.id("home-on-call")));
		new Select(driver.findElement(By.id("program"))).selectByVisibleText(program.name());
		new Select(driver.findElement(By.id("person"))).selectByVisibleText(carl.displayName());
		type("from", today.plusDays(1).atTime(18, 0).toString());
		type("to", today.plusDays(2).atTime(8, 0).toString());
		driver.findElement(By.id("phone")).sendKeys("not a number!");
		go(driver.findElement(By.id("add-shift")));
		assertThat(driver.findElement(By.id("phone-error")).getText()).startsWith("Enter a phone number");
		driver.findElement(By.id("phone")).clear();
		driver.findElement(By.id("phone")).sendKeys("(614) 555-0188");
		go(driver.findElement(By.id("add-shift")));
		assertThat(driver.findElement(By.id("rota")).getText()).contains(carl.displayName()).contains(program.name())
			.contains("(614) 555-0188");
		shot("on-call-rota");
		quitChecked();

		// the rota at phone width: it fits, and the shift is taken off it from there
		driver = Chrome.start(390, 844);
		signInAs(sue);
		driver.get(url("/team/on-call"));
		assertThat(driver.findElement(By.id("rota")).getText()).contains(carl.displayName()).contains("(614) 555-0188");
		fitsThePhone("the on-call rota");
		shot("on-call-rota-phone");
		UUID shift = jdbc.sql("select id from on_call_shift where program_id = ?").param(program.id().value()).query(UUID.class).single();
		go(driver.findElement(By.id("remove-" + shift)));
		assertThat(jdbc.sql("select status from on_call_shift where id = ?").param(shift).query(String.class).single()).isEqualTo("CANCELLED");
		fitsThePhone("the on-call rota after a removal");
		quitChecked();
	}
}
