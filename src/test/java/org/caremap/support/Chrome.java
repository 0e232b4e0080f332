package org.caremap.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CommandPayload;
import org.openqa.selenium.remote.DriverCommand;
import org.openqa.selenium.remote.Response;

/**
 * Headless Chromium through the Debian chromedriver ({@code /usr/bin/chromium} and {@code /usr/bin/chromedriver},
 * or the files named by the system properties {@code caremap.chromium} and {@code caremap.chromedriver}). Where
 * either is missing, the browser tests print a banner on the console (the Maven output, past the redirection of
 * test output to report files) and are skipped; wherever the environment variable {@code CI} is set they fail
 * instead, because CI installs Chromium.
 */
public final class Chrome {

	public static final Path DRIVER = Path.of(System.getProperty("caremap.chromedriver", "/usr/bin/chromedriver"));
	public static final Path BROWSER = Path.of(System.getProperty("caremap.chromium", "/usr/bin/chromium"));

	/**
	 * The console of the test JVM itself. Surefire and Failsafe capture {@code System.out} and {@code System.err}
	 * (into report files, with {@code redirectTestOutputToFile}); what the JVM writes to its own standard error
	 * goes to the Maven output as it is.
	 */
	private static final java.io.PrintStream CONSOLE = new java.io.PrintStream(
			new java.io.FileOutputStream(java.io.FileDescriptor.err), true, java.nio.charset.StandardCharsets.UTF_8);

	/**
	 * How long a browser test waits for the page to show what it expects (a poll: a fast machine does not wait
	 * for it; a slow one gets this long before the test fails).
	 */
	public static final Duration PATIENCE = Duration.ofSeconds(60);

	private Chrome() {
	}

	/** Whether the environment variable {@code CI} is set (to anything but nothing), as on every CI run. */
	static boolean onCi() {
		String ci = System.getenv("CI");
		return ci != null && !ci.isBlank();
	}

	/** Chromium or ChromeDriver where they are missing (not executable files); empty when both are there. */
	static java.util.List<String> missing() {
		return java.util.stream.Stream.of(BROWSER, DRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
	}

	private static String problem(String what, java.util.List<String> missing, boolean ci) {
		return (ci ? "BROWSER TESTS FAIL: " : "BROWSER TESTS SKIPPED: ") + what + " cannot run: "
				+ String.join(" and ", missing) + " missing (not an executable file). Install them with: "
				+ "apt-get install -y chromium chromium-driver"
				+ (ci ? " (the environment variable CI is set: a missing Chromium fails the build)" : "");
	}

	/** Prints the message between rows of stars on the console and in the test's output. */
	private static void banner(String message) {
		String stars = "*".repeat(100);
		String banner = stars + System.lineSeparator() + message + System.lineSeparator() + stars;
		CONSOLE.println(banner);
		System.err.println(banner);
	}

	/**
	 * Does nothing when Chromium and ChromeDriver are there. Otherwise prints a banner on the console, then fails
	 * the calling test where {@code CI} is set, or skips it elsewhere.
	 *
	 * @param what the tests that cannot run, for the banner
	 */
	public static void requireBrowser(String what) {
		java.util.List<String> missing = missing();
		if (missing.isEmpty()) return;
		boolean ci = onCi();
		String message = problem(what, missing, ci);
		banner(message);
		if (ci) Assertions.fail(message);
		Assumptions.abort(message);
	}

	/**
	 * The browser test classes' condition: without Chromium each test is skipped (reported as skipped, with the
	 * reason) before the application starts for it, after a banner on the console; where {@code CI} is set the tests
	 * run, and fail, instead.
	 */
	public static final class Required implements org.junit.jupiter.api.extension.ExecutionCondition {

		private static final java.util.Set<Class<?>> TOLD = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@Override
		public org.junit.jupiter.api.extension.ConditionEvaluationResult evaluateExecutionCondition(
				org.junit.jupiter.api.extension.ExtensionContext context) {
			java.util.List<String> missing = missing();
			if (missing.isEmpty() || onCi()) {
				return org.junit.jupiter.api.extension.ConditionEvaluationResult.enabled("Chromium is there, or CI fails without it");
			}
			Class<?> type = context.getRequiredTestClass();
			String message = problem(type.getSimpleName(), missing, false);
			if (TOLD.add(type)) banner(message);
			return org.junit.jupiter.api.extension.ConditionEvaluationResult.disabled(message);
		}
	}

	/**
	 * Presses the element with the keyboard (Enter, or space for a check box) and, for a link or button, waits
	 * until the page it was on has been replaced.
	 */
	public static void press(ChromeDriver driver, org.openqa.selenium.WebElement element) {
		boolean checkbox = "checkbox".equals(element.getAttribute("type"));
		element.sendKeys(checkbox ? org.openqa.selenium.Keys.SPACE : org.openqa.selenium.Keys.ENTER);
		if (checkbox) return;
		new org.openqa.selenium.support.ui.WebDriverWait(driver, PATIENCE).until(d -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.WebDriverException gone) {
				// stale, or no longer in any document: the next page is there
				return true;
			}
		});
	}

	/** Where the browser tests leave their screenshots (the README's come from here). */
	public static final Path SHOTS = Path.of("target", "screenshots");

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	public static void shot(ChromeDriver driver, String name) throws java.io.IOException {
		Files.createDirectories(SHOTS);
		Files.copy(driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	/** Errors the page wrote to the browser console (a Content-Security-Policy violation, a script error). */
	public static java.util.List<String> consoleErrors(ChromeDriver driver) {
		return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
			.filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(org.openqa.selenium.logging.LogEntry::getMessage)
			.filter(message -> !message.contains("favicon"))
			.toList();
	}

	/**
	 * A headless Chromium of this window size whose every page is checked with axe (see {@link Watched}); the
	 * browser tests fail on what it finds ({@link #accessibility}).
	 */
	public static ChromeDriver start(int width, int height) {
		requireBrowser("this browser test");
		System.setProperty("webdriver.chrome.driver", DRIVER.toString());
		System.setProperty("SE_AVOID_STATS", "true");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--force-device-scale-factor=1", "--lang=en-US");
		if (width < 500) {
			// desktop windows do not get narrower than 500 px: emulate the phone's viewport instead
			options.setExperimentalOption("mobileEmulation",
					java.util.Map.of("deviceMetrics", java.util.Map.of("width", width, "height", height, "pixelRatio", 1.0),
							"userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Mobile"));
			options.addArguments("--window-size=500," + (height + 100));
		}
		else {
			options.addArguments("--window-size=" + width + "," + height);
		}
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new Watched(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		return driver;
	}

	/**
	 * Checks the page the driver shows now (if its path was not checked yet) and returns the WCAG 2.1 AA violations
	 * axe found on all the pages this driver showed (nothing for a driver {@link #start} did not make).
	 */
	public static java.util.List<Axe.Violation> accessibility(ChromeDriver driver) {
		if (!(driver instanceof Watched watched)) return java.util.List.of();
		watched.watch.look();
		System.out.println("axe (WCAG 2.1 AA) checked " + new java.util.TreeSet<>(watched.watch.checked()));
		return watched.watch.violations();
	}

	/**
	 * A ChromeDriver whose every page is checked with axe. Every command, the driver's and its elements', goes
	 * through {@code execute}: after one that may bring a new page and before one that looks at the page, the watch
	 * checks the page if its path is new. (Selenium's {@code EventFiringDecorator} would do the same with a listener,
	 * but a decorated driver is no longer a {@code ChromeDriver}, which the tests' {@code driver} is.)
	 */
	private static final class Watched extends ChromeDriver {

		private static final java.util.Set<String> AFTER = java.util.Set.of(DriverCommand.GET, DriverCommand.REFRESH,
				DriverCommand.GO_BACK, DriverCommand.GO_FORWARD, DriverCommand.CLICK_ELEMENT,
				DriverCommand.SEND_KEYS_TO_ELEMENT, DriverCommand.SUBMIT_ELEMENT, DriverCommand.ACTIONS);

		private static final java.util.Set<String> BEFORE = java.util.Set.of(DriverCommand.FIND_ELEMENT,
				DriverCommand.FIND_ELEMENTS, DriverCommand.FIND_CHILD_ELEMENT, DriverCommand.FIND_CHILD_ELEMENTS,
				DriverCommand.GET_PAGE_SOURCE, DriverCommand.GET_CURRENT_URL, DriverCommand.GET_TITLE,
				DriverCommand.SCREENSHOT);

		private final Axe.Watch watch;

		Watched(ChromeDriverService service, ChromeOptions options) {
			super(service, options);
			this.watch = new Axe.Watch(this);
		}

		@Override
		protected Response execute(CommandPayload payload) {
			// null while the constructor starts the session
			if (watch != null && BEFORE.contains(payload.getName())) watch.look();
			Response response = super.execute(payload);
			if (watch != null && AFTER.contains(payload.getName())) watch.look();
			return response;
		}
	}
}
