package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.caremap.transition.internal.MllpPort;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Concurrent review in a real browser (issue 18, acceptance 3): the hospital's A01 for a covered patient arrives over
 * MLLP; the demo reviewer signs in and her home is the queue, where the stay is; she records a review by keyboard (a
 * missing note is said next to its field first); the next review is a task on her day; the supervisor finds the stay by
 * its payer; the A03 discharge closes the review and takes it off the queue. axe checks every page; the queue fits a
 * phone.
 */
class ConcurrentReviewBrowserIT extends BrowserTest {

	@Autowired ApplicationContext context;
	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;

	@Test
	void anAdmissionIsReviewedFromTheQueueMakesTheNextTaskAndTheDischargeClosesIt() throws Exception {
		StayReviewFixtures f = new StayReviewFixtures(jdbc, patients, organizations, MllpPort.of(context));
		UserView helen = accounts.findByUsername("reviewer").orElseThrow();
		String payer = "Lakeshore Browser Plan " + UUID.randomUUID().toString().substring(0, 4);
		f.payerGoesTo(payer, helen);
		PatientId patient = f.patient("Reviewwell", payer);
		ZonedDateTime admitted = ZonedDateTime.now(f.zone()).minusDays(2).truncatedTo(ChronoUnit.MINUTES);
		String visit = "URB-" + UUID.randomUUID().toString().substring(0, 8);
		f.admit(patient, "Reviewwell", visit, admitted);
		UUID encounter = f.encounter(visit);
		UUID review = f.reviewOf(encounter);
		Eventually.until("the first review task", () -> jdbc.sql("select count(*) from task where source = ? and status = 'READY'")
			.param("stay-review:" + review + ":open-1").query(Long.class).single() == 1
				|| jdbc.sql("select count(*) from task where source = ? and status = 'REQUESTED'")
					.param("stay-review:" + review + ":open-1").query(Long.class).single() == 1);

		driver = Chrome.start(1366, 1000);
		// 1. the reviewer's home is her queue
		signIn("reviewer");
		assertThat(driver.getCurrentUrl()).endsWith("/reviews");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Stays to review");
		WebElement row = driver.findElement(By.cssSelector("#review-queue tr[data-review='" + review + "']"));
		assertThat(row.getText()).contains("Reviewwell, Test").contains(payer).contains("RIVERSIDE GENERAL")
			.contains("Day 3 of 4 expected").contains("None yet");
		shot("review-queue");

		// 2. the stay's page: a review without its note is refused at the note, then recorded
		go(row.findElement(By.cssSelector("a.btn")));
		assertThat(driver.findElement(By.id("stay-title")).getText()).isEqualTo("Stay review: Reviewwell, Test");
		assertThat(driver.findElement(By.cssSelector(".stay-day")).getText()).isEqualTo("Day 3 of 4 expected");
		driver.findElement(By.id("criteriaMet-yes")).sendKeys(Keys.SPACE);
		driver.findElement(By.id("criteriaReference")).sendKeys("Acute medical, day 3");
		go(driver.findElement(By.id("record-review")));
		assertThat(driver.findElement(By.id("necessityNote-error")).getText())
			.isEqualTo("Say why the stay is or is not medically necessary.");
		assertThat(driver.findElement(By.id("criteriaReference")).getAttribute("value")).isEqualTo("Acute medical, day 3");
		driver.findElement(By.id("necessityNote")).sendKeys("On IV diuretics and 2 L oxygen; weight down 1 kg. Acute level still needed.");
		WebElement days = driver.findElement(By.id("avoidableDays"));
		days.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
		new Select(driver.findElement(By.id("avoidableReason"))).selectByValue("AWAITING_HOME_SERVICES");
		WebElement homeHealth = driver.findElements(By.cssSelector("input[name=barriers]")).stream()
			.filter(b -> "HOME_HEALTH".equals(b.getAttribute("value"))).findFirst().orElseThrow();
		Chrome.press(driver, homeHealth);
		var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		LocalDate next = calendar.businessDaysAfter(LocalDate.now(f.zone()), 1);
		driver.executeScript("document.getElementById('nextReviewOn').value = arguments[0]", next.toString());
		go(driver.findElement(By.id("record-review")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The review is recorded");
		assertThat(driver.findElement(By.id("history-title")).getText()).isEqualTo("Reviews recorded (1)");
		WebElement entry = driver.findElement(By.cssSelector("li[id^='entry-']"));
		assertThat(entry.getText()).contains("Criteria met").contains("Acute inpatient care").contains("InterQual")
			.contains("1 avoidable day: Waiting for home health or equipment").contains("Needs home health").contains("Helen Cho, RN");
		shot("stay-review");

		// 3. the next review is a task on her day, due on the day she chose; the first one is done
		UUID entryId = jdbc.sql("select id from stay_review_entry where review_id = ?").param(review).query(UUID.class).single();
		String nextTask = "stay-review:" + review + ":entry-" + entryId;
		Eventually.until("the next review task", () -> jdbc.sql("select count(*) from task where source = ? and status in ('READY', 'REQUESTED')")
			.param(nextTask).query(Long.class).single() == 1);
		assertThat(jdbc.sql("select status from task where source = ?").param("stay-review:" + review + ":open-1")
			.query(String.class).single()).isEqualTo("COMPLETED");
		UUID taskId = jdbc.sql("select id from task where source = ?").param(nextTask).query(UUID.class).single();
		driver.get(url("/myday"));
		WebElement work = driver.findElement(By.id("task-" + taskId));
		assertThat(work.getText()).contains("Concurrent review of the stay at RIVERSIDE GENERAL").contains("Reviewwell, Test");
		assertThat(work.findElements(By.id("complete-" + taskId))).as("done by recording the review, not by hand").isEmpty();

		// from the task to the chart's reviews tab, which holds the history and leads back to the review
		go(driver.findElement(By.id("open-review-" + taskId)));
		assertThat(driver.getCurrentUrl()).endsWith("/patients/" + patient + "/reviews");
		assertThat(driver.findElement(By.id("stay-review-" + review)).getText()).contains("Criteria met").contains(payer)
			.contains("On IV diuretics");
		assertThat(driver.findElement(By.id("record-" + review)).getAttribute("href")).contains("/reviews/" + review);
		shot("chart-reviews");

		// on a phone the queue is cards, never wider than the screen
		driver.manage().window().setSize(new Dimension(390, 844));
		driver.get(url("/reviews"));
		Map<?, ?> sizes = (Map<?, ?>) driver.executeScript("return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		assertThat(((Number) sizes.get("scroll")).longValue()).as("queue on a phone " + sizes)
			.isLessThanOrEqualTo(((Number) sizes.get("inner")).longValue());
		shot("phone-review-queue");
		driver.get(url("/reviews/" + review));
		sizes = (Map<?, ?>) driver.executeScript("return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		assertThat(((Number) sizes.get("scroll")).longValue()).as("a stay's review on a phone " + sizes)
			.isLessThanOrEqualTo(((Number) sizes.get("inner")).longValue());
		shot("phone-stay-review");
		driver.manage().window().setSize(new Dimension(1366, 1000));

		// 4. the supervisor sees every reviewer's stays, and finds this one by its payer
		signIn("supervisor");
		driver.get(url("/reviews"));
		new Select(driver.findElement(By.id("f-payer"))).selectByValue(payer);
		go(driver.findElement(By.id("queue-apply")));
		List<WebElement> rows = driver.findElements(By.cssSelector("#review-queue tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getText()).contains("Reviewwell, Test").contains("Helen Cho, RN").contains("Criteria met");
		shot("review-queue-supervisor");
		// and names the reviewer of another payer's stays (a missing payer is said at its field first)
		new Select(driver.findElement(By.id("payerReviewer"))).selectByVisibleText("Helen Cho, RN");
		go(driver.findElement(By.id("payer-save")));
		assertThat(driver.findElement(By.id("payer-error")).getText()).isEqualTo("Name the payer.");
		String otherPayer = "Browser Plan " + UUID.randomUUID().toString().substring(0, 4);
		driver.findElement(By.id("payer")).sendKeys(otherPayer);
		new Select(driver.findElement(By.id("payerReviewer"))).selectByVisibleText("Helen Cho, RN");
		go(driver.findElement(By.id("payer-save")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("will go to the reviewer you chose");
		assertThat(driver.findElement(By.id("payer-reviewers-list")).getText()).contains(otherPayer + ": Helen Cho, RN");

		// 5. the hospital discharges the patient: the review is closed, its task cancelled, the stay off the queue
		f.discharge(patient, "Reviewwell", visit, admitted, ZonedDateTime.now(f.zone()).minusMinutes(10).truncatedTo(ChronoUnit.MINUTES));
		Eventually.until("the review closed", () -> "CLOSED".equals(jdbc.sql("select status from stay_review where id = ?")
			.param(review).query(String.class).single()));
		Eventually.until("the next review task cancelled", () -> "CANCELLED".equals(jdbc.sql("select status from task where source = ?")
			.param(nextTask).query(String.class).single()));
		signIn("reviewer");
		assertThat(driver.findElements(By.cssSelector("#review-queue tr[data-review='" + review + "']"))).isEmpty();
		assertThat(Chrome.consoleErrors(driver)).isEmpty();

		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		for (String name : List.of("review-queue", "stay-review", "review-queue-supervisor", "chart-reviews")) {
			Files.copy(Chrome.SHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
