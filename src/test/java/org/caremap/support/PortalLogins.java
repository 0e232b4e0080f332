package org.caremap.support;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.portal.NewPortalAccount;
import org.caremap.portal.PortalAccounts;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Portal users for tests: an active account opened through {@link PortalAccounts} (as Caremap itself, like the
 * demo), and signing a {@link Browserless} client or a Selenium driver in to the portal with it.
 */
public final class PortalLogins {

	/** The password every test portal account gets (long, not common, not built from the login). */
	public static final String PASSWORD = "Portal test passphrase 2026";

	/** A portal account made for a test. */
	public record PortalLogin(UUID accountId, String login, String password, String displayName) {
	}

	private PortalLogins() {
	}

	/** Opens an account for the patient themselves. */
	public static PortalLogin patient(PortalAccounts accounts, PatientId patient, String displayName) {
		return open(accounts, patient, null, displayName);
	}

	/** Opens an account for a support-network contact of the patient (a proxy). */
	public static PortalLogin proxy(PortalAccounts accounts, PatientId patient, UUID supportContact, String displayName) {
		return open(accounts, patient, supportContact, displayName);
	}

	/**
	 * Opens an account for the patient ({@code contact} null) or a contact, ending first any account the person
	 * already has (a demo patient may hold one from the demo or another test).
	 */
	public static PortalLogin replacing(PortalAccounts accounts, org.caremap.portal.PortalInvitations invitations,
			PatientId patient, @Nullable UUID contact, String displayName) {
		SystemActor.run("test", List.of("SYSTEM"), () -> invitations.ofPatient(patient).stream()
			.filter(a -> a.status() != org.caremap.portal.PortalAccountView.Status.REVOKED)
			.filter(a -> java.util.Objects.equals(a.supportContact(), contact))
			.forEach(a -> invitations.revoke(patient, a.id())));
		return open(accounts, patient, contact, displayName);
	}

	private static PortalLogin open(PortalAccounts accounts, PatientId patient, @Nullable UUID contact, String name) {
		String login = "pt-" + UUID.randomUUID().toString().substring(0, 12);
		UUID id = SystemActor.call("test", List.of("SYSTEM"),
				() -> accounts.create(new NewPortalAccount(patient, contact, login, name, PASSWORD)));
		return new PortalLogin(id, login, PASSWORD, name);
	}

	/** Signs the client in through the portal's sign-in form; returns the response to the form post. */
	public static HttpResponse<String> signIn(Browserless client, PortalLogin login) {
		return signIn(client, login.login(), login.password(), null);
	}

	/** Signs the client in with these fields (a code for accounts with an authenticator app). */
	public static HttpResponse<String> signIn(Browserless client, String login, String password, @Nullable String code) {
		client.get("/portal/login");
		return client.post("/portal/login",
				code == null ? Map.of("username", login, "password", password)
						: Map.of("username", login, "password", password, "code", code));
	}

	/** Signs the browser in to the portal (any earlier session ends), pressing the button with the keyboard. */
	public static void signIn(WebDriver driver, String baseUrl, PortalLogin login) {
		driver.manage().deleteAllCookies();
		driver.get(baseUrl + "/portal/login");
		driver.findElement(By.id("username")).sendKeys(login.login());
		driver.findElement(By.id("password")).sendKeys(login.password());
		WebElement button = driver.findElement(By.id("sign-in"));
		if (driver instanceof org.openqa.selenium.chrome.ChromeDriver chrome) Chrome.press(chrome, button);
		else button.click();
	}
}
