package org.caremap.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through the Debian chromedriver. Where it is missing, the browser tests say so loudly and
 * skip; on CI ({@code CI=true}) they fail instead, because CI installs Chromium.
 */
public final class Chrome {

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	private Chrome() {
	}

	/**
	 * Presses the element with the keyboard (Enter, or space for a check box) and, for a link or button, waits
	 * until the page it was on has been replaced.
	 */
	public static void press(ChromeDriver driver, org.openqa.selenium.WebElement element) {
		boolean checkbox = "checkbox".equals(element.getAttribute("type"));
		element.sendKeys(checkbox ? org.openqa.selenium.Keys.SPACE : org.openqa.selenium.Keys.ENTER);
		if (checkbox) return;
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
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

	public static ChromeDriver start(int width, int height) {
		if (!Files.isExecutable(DRIVER) || !Files.isExecutable(BROWSER)) {
			String message = "BROWSER TESTS SKIPPED: " + DRIVER + " or " + BROWSER
					+ " is missing. Install them with: apt-get install -y chromium chromium-driver";
			System.err.println("*".repeat(100) + System.lineSeparator() + message + System.lineSeparator()
					+ "*".repeat(100));
			if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message);
			Assumptions.abort(message);
		}
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
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		return driver;
	}
}
