package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.ApiClients;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A Spanish-speaking patient connects an app on a phone: the app's request takes her to the portal's sign-in, then
 * to the consent page in Spanish (which app, what it could see, until when), she allows it with the keyboard and the
 * app gets its code; on "Aplicaciones conectadas" she sees the app and disconnects it. axe finds nothing on any page.
 */
class PortalAppsBrowserIT extends BrowserTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired org.springframework.context.MessageSource messages;

	@Test
	void aPatientAllowsAnAppOnHerPhoneInSpanishAndDisconnectsIt() throws Exception {
		PatientId rosa = PortalFixtures.patient(registry, organizations, "Apps", "Rosa", "es");
		PortalLogin login = PortalLogins.patient(accounts, rosa, "Rosa Apps");
		String callback = url("/login");
		String name = "Diario de salud " + UUID.randomUUID().toString().substring(0, 4);
		ApiClients.Credentials app = new Actors(users).as("admin", () -> clients.register(new ApiClients.NewApiClient(name,
				"Guarda sus mediciones en un solo lugar.", Set.of("patient/*.rs"), callback)));
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

		driver = Chrome.start(375, 740);
		driver.get(url("/oauth2/authorize?response_type=code&client_id=" + app.clientId() + "&redirect_uri="
				+ URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&scope="
				+ URLEncoder.encode("launch/patient patient/*.rs", StandardCharsets.UTF_8)
				+ "&state=phone&code_challenge=" + challenge + "&code_challenge_method=S256"));
		assertThat(driver.getCurrentUrl()).contains("/portal/login");
		driver.findElement(By.id("username")).sendKeys(login.login());
		driver.findElement(By.id("password")).sendKeys(login.password());
		go(driver.findElement(By.id("sign-in")));

		// the consent page, in her language
		assertThat(driver.getCurrentUrl()).contains("/portal/apps/consent");
		assertThat(driver.findElement(By.id("consent-title")).getText()).isEqualTo("¿Conectar " + name + " a su expediente?");
		// the scope in the words of the Spanish bundle ("everything in your record: ...")
		String everything = messages.getMessage("portal.apps.scope.patient/*.rs", null, org.caremap.platform.Languages.SPANISH);
		assertThat(driver.findElement(By.id("consent-scopes")).getText()).contains(everything.substring(0, everything.indexOf(':')));
		assertThat(driver.findElement(By.id("consent-until")).getText()).startsWith("Por cuánto tiempo: hasta el");
		fitsThePhone("the consent page");
		Chrome.shot(driver, "portal-apps-consent");
		go(driver.findElement(By.id("consent-allow")));
		assertThat(driver.getCurrentUrl()).startsWith(callback).contains("code=").contains("state=phone");

		// her connected apps: the app, then disconnected
		driver.get(url("/portal"));
		go(driver.findElement(By.id("portal-apps-link")));
		assertThat(driver.findElement(By.id("app-" + app.clientId())).getText()).contains(name).contains("Puede ver");
		fitsThePhone("the connected apps page");
		Chrome.shot(driver, "portal-apps");
		go(driver.findElement(By.id("disconnect-" + app.clientId())));
		assertThat(driver.findElement(By.id("apps-disconnected")).getText()).isEqualTo(name + " ya no puede leer su expediente.");
		assertThat(driver.findElements(By.id("app-" + app.clientId()))).isEmpty();
		assertThat(driver.findElement(By.id("apps-none")).isDisplayed()).isTrue();
	}
}
