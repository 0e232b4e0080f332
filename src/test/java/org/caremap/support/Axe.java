package org.caremap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * axe-core (the {@code axe.min.js} bundled in {@code com.deque.html.axe-core:selenium}) run in the page the browser
 * shows, for the rules of WCAG 2.1 levels A and AA.
 */
public final class Axe {

	private static final String SOURCE = source();

	private static final String RUN = """
			var done = arguments[arguments.length - 1];
			axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
				resultTypes: ['violations']
			}).then(function (results) {
				done({ violations: results.violations.map(function (v) {
					return {
						rule: v.id, impact: v.impact || '', help: v.help, count: v.nodes.length,
						targets: v.nodes.slice(0, 5).map(function (n) {
							var why = (n.failureSummary || '').replace(/\s+/g, ' ').replace(/^Fix (any|all) of the following: /, '');
							return n.target.join(' ') + (why ? ' -- ' + why : '');
						})
					};
				}) });
			}).catch(function (e) { done({ error: String(e) }); });
			""";

	private Axe() {
	}

	private static String source() {
		try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
			if (in == null) throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** One rule the page breaks: where, which rule, how bad, and the first elements that break it (and why). */
	public record Violation(String page, String rule, String impact, String help, long count, List<String> targets) {

		@Override
		public String toString() {
			return page + ": " + rule + " (" + impact + ", " + count + " element" + (count == 1 ? "" : "s") + ") " + help
					+ targets.stream().map(t -> System.lineSeparator() + "    at " + t).collect(java.util.stream.Collectors.joining());
		}
	}

	/** Runs axe on the page the driver shows and returns what it breaks (nothing when the page is clean). */
	@SuppressWarnings("unchecked")
	public static List<Violation> check(WebDriver driver) {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		String page = String.valueOf(js.executeScript("return location.pathname"));
		js.executeScript("if (!window.axe) {" + SOURCE + "}");
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript(RUN);
		if (result.containsKey("error")) throw new IllegalStateException("axe failed on " + page + ": " + result.get("error"));
		List<Violation> found = new ArrayList<>();
		for (Map<String, Object> v : (List<Map<String, Object>>) result.get("violations")) {
			found.add(new Violation(page, (String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
					((Number) v.get("count")).longValue(), (List<String>) v.get("targets")));
		}
		return found;
	}

	/**
	 * Checks each page a driver comes to, once per path (see {@link Chrome#start}): after a {@code get}, a click or
	 * keys sent (the page may already be the next one), and before the test looks at the page again (finds an
	 * element, reads the page source, URL or title, takes a screenshot), by which time a navigation started by a key
	 * press has ended. A page still loading is checked at the next of these points. Content htmx swaps in without
	 * navigating is not checked again.
	 */
	static final class Watch {

		private final WebDriver driver;

		private final Set<String> checked = new HashSet<>();

		private final List<Violation> violations = new ArrayList<>();

		/** Pages axe could not check (until it could). */
		private final Map<String, Violation> failed = new java.util.LinkedHashMap<>();

		private boolean checking;

		Watch(WebDriver driver) {
			this.driver = driver;
		}

		/** Checks the page shown now if its path has not been checked yet and it has loaded. */
		void look() {
			if (checking) return;
			checking = true;
			try {
				List<?> state = (List<?>) ((JavascriptExecutor) driver)
					.executeScript("return [location.protocol, location.pathname, document.readyState]");
				String path = String.valueOf(state.get(1));
				if (!String.valueOf(state.get(0)).startsWith("http") || !"complete".equals(state.get(2))
						|| checked.contains(path)) {
					return;
				}
				checked.add(path);
				try {
					violations.addAll(check(driver));
					failed.remove(path);
				}
				catch (WebDriverException e) {
					// the page went away while axe ran: the next point looks again, and the test fails if none can
					checked.remove(path);
					failed.put(path, new Violation(path, "axe-could-not-run", "unknown",
							"axe could not check this page: " + e.getMessage().lines().findFirst().orElse(""), 0, List.of()));
				}
			}
			catch (WebDriverException notNow) {
				// no page to look at right now (navigating, a dialog, the window closed): the next point looks again
			}
			finally {
				checking = false;
			}
		}

		/** The paths of the pages checked so far. */
		Set<String> checked() {
			return Set.copyOf(checked);
		}

		/** What the pages seen so far break, and the pages axe could not check. */
		List<Violation> violations() {
			List<Violation> all = new ArrayList<>(violations);
			all.addAll(failed.values());
			return all;
		}
	}
}
