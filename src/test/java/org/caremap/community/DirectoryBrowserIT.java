package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory's main path, by keyboard: a case manager searches from her patient's chart for food near the
 * patient's home (ranked, with the reasons and a Refer link), opens a service and suggests a correction; a
 * supervisor corrects the entry (a bad phone number is a field error that keeps what was typed), the change shows
 * with who made it, and marks it verified; the administrator imports Open Referral's example and reads the report.
 * Every page passes axe; the search fits a phone.
 */
class DirectoryBrowserIT extends BrowserTest {

	@Autowired JdbcClient jdbc;

	private void type(String field, String text) {
		WebElement input = driver.findElement(By.id(field));
		input.clear();
		input.sendKeys(text);
	}

	@Test
	void searchOpenCorrectAndVerify() throws Exception {
		UUID patient = jdbc.sql("""
				select c.patient_id from care_case c join user_account u on u.id = c.case_manager_id
				join patient p on p.id = c.patient_id
				where u.username = 'casemanager' and c.status = 'ACTIVE' and p.postal_code is not null
				order by c.patient_id limit 1""").query(UUID.class).single();

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		driver.get(url("/patients/" + patient + "/community?need=food-insecurity"));
		assertThat(driver.findElement(By.id("results-title")).getText()).contains("services found near");
		List<WebElement> results = driver.findElements(By.cssSelector("#result-list > li"));
		assertThat(results).isNotEmpty();
		WebElement first = results.get(0);
		assertThat(first.findElement(By.cssSelector(".why")).getText()).contains("meets food insecurity").contains(" mi");
		assertThat(first.findElement(By.cssSelector(".refer-link")).getAttribute("href"))
			.contains("/patients/" + patient + "/community/referrals/new?service=");
		shot("community-search");

		// a typed place that is not one: a field error, the text kept
		type("place", "somewhere downtown");
		go(driver.findElement(By.id("search-button")));
		assertThat(driver.findElement(By.id("place-error")).getText()).contains("ZIP code");
		assertThat(driver.findElement(By.id("place")).getAttribute("value")).isEqualTo("somewhere downtown");

		// the directory's own search: Spanish-speaking pantries near 43207, open a service
		driver.get(url("/community?need=food-insecurity&lang=es&place=43207&radius=10"));
		WebElement link = driver.findElement(By.cssSelector("#result-list > li h3 a"));
		String name = link.getText();
		go(link);
		assertThat(driver.findElement(By.id("service-name")).getText()).isEqualTo(name);
		assertThat(driver.findElements(By.id("edit-service"))).as("a case manager suggests, does not edit").isEmpty();
		type("text", "The pantry now opens at 10 on Mondays.");
		go(driver.findElement(By.id("send-correction")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("an editor will check");
		String serviceUrl = driver.getCurrentUrl();
		UUID service = UUID.fromString(serviceUrl.replaceAll(".*/community/services/([0-9a-f-]{36}).*", "$1"));

		// the supervisor corrects and verifies
		signIn("supervisor");
		driver.get(serviceUrl);
		assertThat(driver.findElement(By.id("correction-list")).getText()).contains("opens at 10 on Mondays");
		go(driver.findElement(By.id("edit-service")));
		type("phone", "call the front desk");
		type("description", "Groceries every week; Monday hours from 10:00.");
		go(driver.findElement(By.id("save-service")));
		assertThat(driver.findElement(By.id("phone-error")).getText()).contains("phone number");
		assertThat(driver.findElement(By.id("description")).getAttribute("value")).contains("Monday hours from 10:00");
		shot("community-edit");
		type("phone", "(614) 555-0142");
		go(driver.findElement(By.id("save-service")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("saved");
		assertThat(driver.findElement(By.id("change-list")).getText()).contains("Priya Raman").contains("phone:")
			.contains("(614) 555-0142");
		go(driver.findElement(By.id("verify-service")));
		assertThat(driver.findElement(By.id("verified-mark")).getText()).contains("Verified").contains("Priya Raman");
		go(driver.findElement(By.cssSelector(".resolve-correction")));
		assertThat(driver.findElements(By.id("correction-list"))).isEmpty();
		shot("community-service");
		assertThat(jdbc.sql("select phone from community_service where id = ?").param(service).query(String.class).single())
			.isEqualTo("(614) 555-0142");

		// the list marks entries not verified for a year
		driver.get(url("/community/directory?stale=true"));
		assertThat(driver.findElements(By.cssSelector("#directory-list .stale-mark"))).isNotEmpty();
		shot("community-directory");

		// the administrator imports Open Referral's example and reads the report
		signIn("admin");
		driver.get(url("/admin/community/imports"));
		type("source", "Open Referral example " + UUID.randomUUID().toString().substring(0, 6));
		driver.findElement(By.id("file")).sendKeys(Path.of("src/test/resources/community/hsds/service_full.json").toAbsolutePath().toString());
		go(driver.findElement(By.id("import-button")));
		assertThat(driver.findElement(By.id("import-outcome")).getText()).contains("Done").contains("added");
		assertThat(driver.findElement(By.id("problem-list")).getText()).contains("latitude");
		shot("community-import");
	}

	@Test
	void theSearchFitsAPhone() throws Exception {
		driver = Chrome.start(390, 844);
		signIn("casemanager");
		driver.get(url("/community?need=food-insecurity&place=43215&radius=10"));
		assertThat(driver.findElements(By.cssSelector("#result-list > li"))).isNotEmpty();
		Object overflow = driver.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(false);
		shot("community-search-phone");
	}
}
