package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "My caseload" of the demo case manager (about 80 cases), by keyboard: 50 a page with a link to the next and back,
 * sorted by acuity from its header, searched by a family name; unknown sorts and bad pages fall back to the defaults.
 */
class CaseloadBrowserIT extends BrowserTest {

	@Test
	void aCaseManagerPagesSortsAndSearchesTheirCaseload() throws Exception {
		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url("/caseload"));
		assertThat(rows()).hasSize(50);
		String shown = driver.findElement(By.id("caseload-shown")).getText();
		assertThat(shown).startsWith("Cases 1–50 of ");
		java.util.regex.Matcher of = java.util.regex.Pattern.compile("of ([0-9,]+)").matcher(shown);
		assertThat(of.find()).as(shown).isTrue();
		int total = Integer.parseInt(of.group(1).replace(",", ""));
		assertThat(total).as("the demo case manager's cases").isGreaterThan(50);
		assertThat(driver.findElements(By.id("caseload-previous"))).isEmpty();
		// the default order is by acuity, said on its header
		assertThat(header("Acuity").getAttribute("aria-sort")).isEqualTo("descending");
		shot("caseload-paged");

		// an overdue next due says so in words, in the overdue colour
		assertThat(driver.findElements(By.cssSelector("#caseload .next-due-overdue"))).allSatisfy(cell -> {
			assertThat(cell.getText()).startsWith("Overdue");
			assertThat(cell.findElement(By.cssSelector(".cm-late")).getCssValue("color")).isEqualTo("rgba(161, 26, 26, 1)");
		});

		// next page and back, by keyboard
		go(driver.findElement(By.id("caseload-next")));
		assertThat(driver.getCurrentUrl()).contains("page=2").contains("sort=acuity");
		int second = rows().size();
		// other tests of the run may have given this case manager more cases: the second page shows what is left
		// of the total, up to 50, and offers a next page only when there is more
		assertThat(second).isEqualTo(Math.min(50, total - 50));
		assertThat(driver.findElement(By.id("caseload-shown")).getText()).startsWith("Cases 51–");
		assertThat(driver.findElements(By.id("caseload-next"))).hasSize(total > 100 ? 1 : 0);
		go(driver.findElement(By.id("caseload-previous")));
		assertThat(rows()).hasSize(50);

		// sort by patient name from its header: the names come in order, the header says so
		go(header("Patient").findElement(By.tagName("a")));
		assertThat(header("Patient").getAttribute("aria-sort")).isEqualTo("ascending");
		assertThat(header("Acuity").getAttribute("aria-sort")).isNull();
		List<String> names = rows().stream().map(r -> r.findElement(By.cssSelector("td a")).getText()).toList();
		assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		// the sort is kept on the next page
		go(driver.findElement(By.id("caseload-next")));
		assertThat(driver.getCurrentUrl()).contains("sort=name").contains("page=2");

		// sort by acuity again: complex before high before moderate before low
		go(header("Acuity").findElement(By.tagName("a")));
		assertThat(driver.getCurrentUrl()).contains("sort=acuity").doesNotContain("page=");
		List<Integer> ranks = rows().stream().map(r -> rank(r.findElement(By.cssSelector(".cm-acuity")).getText())).toList();
		assertThat(ranks).isSortedAccordingTo((a, b) -> Integer.compare(b, a));

		// search by the family name of the first patient: only their rows are left
		String first = rows().get(0).findElement(By.cssSelector("td a")).getText();
		String family = first.substring(0, first.indexOf(',')).strip();
		driver.findElement(By.id("f-q")).sendKeys(family + Keys.ENTER);
		new WebDriverWait(driver, java.time.Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.getCurrentUrl().contains("q=") && !rows().isEmpty() && rows().size() < 50 && rows().stream()
				.allMatch(r -> r.findElement(By.cssSelector("td a")).getText().startsWith(family)));
		assertThat(driver.findElement(By.id("f-q")).getAttribute("value")).isEqualTo(family);
		assertThat(driver.getCurrentUrl()).contains("sort=acuity");
		shot("caseload-search");

		// unknown sort keys and bad page numbers fall back to the defaults
		driver.get(url("/caseload?sort=%27%3Bdrop&page=abc"));
		assertThat(rows()).hasSize(50);
		assertThat(header("Acuity").getAttribute("aria-sort")).isEqualTo("descending");
		driver.get(url("/caseload?sort=nextDue&page=99999"));
		assertThat(rows()).isNotEmpty();
		assertThat(header("Next due").getAttribute("aria-sort")).isEqualTo("ascending");
		driver.get(url("/caseload?page=-3"));
		assertThat(rows()).hasSize(50);
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@org.springframework.beans.factory.annotation.Autowired Cases cases;
	@org.springframework.beans.factory.annotation.Autowired org.caremap.program.Programs programs;
	@org.springframework.beans.factory.annotation.Autowired org.caremap.patient.PatientRegistry patients;
	@org.springframework.beans.factory.annotation.Autowired org.caremap.organization.Organizations organizations;
	@org.springframework.beans.factory.annotation.Autowired org.caremap.identity.UserAccounts accounts;
	@org.springframework.beans.factory.annotation.Autowired org.springframework.security.core.userdetails.UserDetailsService users;
	@org.springframework.beans.factory.annotation.Autowired org.caremap.assessment.Assessments assessments;
	@org.springframework.beans.factory.annotation.Autowired org.caremap.transition.AdtInbox inbox;
	@org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private CaseId enrol(org.caremap.shared.PatientId patient) {
		java.time.ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		java.time.LocalDate start = java.time.LocalDate.now(zone).minusDays(20);
		return new org.caremap.support.Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(),
				null, accounts.findByUsername("casemanager").orElseThrow().id(), start,
				new Consent(start, ConsentMethod.VERBAL, "Priya Raman", true, true, true, true), Acuity.MODERATE, "test")));
	}

	/**
	 * Each case's flags come from the module that knows them, in words with an icon: an open safety flag of a PHQ-9
	 * (assessments), late work (tasks), a stay in hospital (transitions); a case without any shows none.
	 */
	@Test
	void theCaseloadFlagsSafetyLateWorkAndAStayInHospital() throws Exception {
		var home = organizations.primary().orElseThrow().id();
		var flagged = org.caremap.support.Actors.newPatient(patients, home, "Flagworthy");
		var calm = org.caremap.support.Actors.newPatient(patients, home, "Flagless");
		CaseId flaggedCase = enrol(flagged);
		enrol(calm);
		// PHQ-9 item 9 "several days": an urgent safety flag
		String[] pairs = new String[18];
		for (int i = 0; i < 9; i++) {
			pairs[2 * i] = "phq9-" + (i + 1);
			pairs[2 * i + 1] = i == 8 ? "LA6569-3" : "LA6568-5";
		}
		new org.caremap.support.Actors(users).as("casemanager", () -> assessments.record(flagged, "phq-9", null,
				org.caremap.assessment.Answers.single(pairs), org.caremap.assessment.Respondent.PATIENT, true));
		// the follow-up call two days late; the calm patient's a month ahead
		jdbc.sql("update task set due_at = now() - interval '2 days' where source = ?").param("cadence:" + flaggedCase).update();
		jdbc.sql("update task set due_at = now() + interval '30 days' where case_id = (select id from care_case where patient_id = ?)")
			.param(calm.value()).update();
		// admitted this morning, not yet discharged
		String mrn = jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(flagged.value())
			.query(String.class).single();
		String when = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusHours(2)
			.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
		String visit = "V-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		var ack = inbox.receive(("MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + when + "+0000||ADT^A01^ADT_A01|A-" + visit
				+ "|P|2.5.1\rEVN|A01|" + when + "+0000\rPID|1||" + mrn + "^^^Test Hospital^MR||FLAGWORTHY^TEST||19500517|F\r"
				+ "PV1|1|I|6E^611^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||||||||||" + when + "+0000\r")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8), org.caremap.transition.AdtInbox.Channel.HTTP);
		assertThat(ack.code()).as(ack.message()).isEqualTo("AA");
		org.caremap.support.AdtApplied.all(jdbc);

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url("/caseload?q=Flagworthy"));
		assertThat(header("Flags")).isNotNull();
		WebElement row = rows().stream().filter(r -> r.getText().contains("Flagworthy, Test")).findFirst().orElseThrow();
		List<WebElement> flags = row.findElements(By.cssSelector("[data-flag]"));
		// the most serious first, each in words with its icon
		assertThat(flags.stream().map(f -> f.getAttribute("data-flag")).toList())
			.containsExactly("safety", "in-hospital", "overdue");
		assertThat(flags.get(0).getText()).isEqualTo("Safety flag");
		assertThat(flags.get(0).getAttribute("class")).contains("cm-flag-danger");
		assertThat(flags.get(1).getText()).isEqualTo("In hospital");
		// the late call, and the safety follow-up the PHQ-9 made if it is due at once
		assertThat(flags.get(2).getText()).matches("1 task late|2 tasks late");
		assertThat(flags).allSatisfy(f -> assertThat(f.findElements(By.cssSelector("i.bi[aria-hidden=true]"))).hasSize(1));
		// the late follow-up's next due says so too
		assertThat(row.findElement(By.cssSelector(".next-due-overdue")).getText()).startsWith("Overdue");

		driver.get(url("/caseload?q=Flagless"));
		WebElement quiet = rows().stream().filter(r -> r.getText().contains("Flagless, Test")).findFirst().orElseThrow();
		assertThat(quiet.findElements(By.cssSelector("[data-flag]"))).isEmpty();
		assertThat(quiet.findElements(By.cssSelector(".next-due-overdue"))).isEmpty();

		driver.get(url("/caseload"));
		shot("caseload-flags");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	private List<WebElement> rows() {
		return driver.findElements(By.cssSelector("#caseload tbody tr"));
	}

	private WebElement header(String text) {
		return driver.findElements(By.cssSelector("#caseload thead th")).stream()
			.filter(h -> h.getText().strip().equals(text)).findFirst().orElseThrow();
	}

	private static int rank(String acuity) {
		return switch (acuity.toLowerCase(java.util.Locale.ROOT)) {
			case "complex" -> 4;
			case "high" -> 3;
			case "moderate" -> 2;
			default -> 1;
		};
	}
}
