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
