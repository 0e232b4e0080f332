package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.identity.ApiClients;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Refusals come in the reader's language: a problem+json of the REST API and an OperationOutcome of FHIR asked for
 * with {@code Accept-Language: es}, a problem+json and a form's field error for a member of staff who reads Caremap in
 * Spanish (their account's choice, whatever the browser says), and the 400 page for a form no page takes.
 */
class SpanishErrorsIT extends IntegrationTest {

	private static final Locale ES = Locale.forLanguageTag("es");
	private static final String PASSWORD = "Spanish-errors-password-1";

	@Autowired MessageSource messages;
	@Autowired UserAccounts accounts;
	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private String es(String key, Object... arguments) {
		return messages.getMessage(key, arguments, ES);
	}

	private Browserless spanishStaff(Set<Role> roles) {
		String name = "es.errors." + UUID.randomUUID().toString().substring(0, 8);
		var user = SystemActor.call("test", List.of("ADMIN"),
				() -> accounts.create(new NewUser(name, "Errores " + name, name + "@example.org", roles, PASSWORD, false)));
		jdbc.sql("update user_account set ui_language = 'es' where id = ?").param(user.id().value()).update();
		Browserless b = client();
		b.login(name, PASSWORD);
		b.get("/");
		return b;
	}

	@Test
	void aRestProblemIsInSpanishWhenTheClientAsksForIt() throws Exception {
		HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/hl7v2/adt")).header("Accept-Language", "es-MX,es;q=0.9")
			.header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("MSH|")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(refused.body()).contains(es("error.api.token-required")).doesNotContain("bearer token is required");
	}

	@Test
	void aFhirOperationOutcomeIsInSpanishWhenTheClientAsksForIt() throws Exception {
		ApiClients.Credentials system = Tokens.register(new Actors(users), clients, "Spanish errors " + UUID.randomUUID(),
				"system/*.cruds");
		FhirHttp fhir = new FhirHttp(port, Tokens.accessToken(port, system, "system/*.cruds"));
		String missing = "/fhir/Task/" + UUID.randomUUID();
		HttpResponse<String> english = fhir.getWith(missing, "Accept-Language", "en");
		HttpResponse<String> spanish = fhir.getWith(missing, "Accept-Language", "es");
		assertThat(spanish.statusCode()).isBetween(400, 499).isEqualTo(english.statusCode());
		OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, spanish.body());
		String diagnostics = outcome.getIssueFirstRep().getDiagnostics();
		String englishDiagnostics = FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, english.body())
			.getIssueFirstRep().getDiagnostics();
		assertThat(spanish.statusCode()).isEqualTo(404);
		assertThat(diagnostics).isEqualTo(es("error.fhir.not-known", missing.substring("/fhir/".length())))
			.isNotEqualTo(englishDiagnostics);
	}

	@Test
	void aSpanishReadingMemberOfStaffGetsProblemsAndFieldErrorsInSpanish() {
		Browserless admin = spanishStaff(Set.of(Role.ADMIN));
		HttpResponse<String> problem = admin.get("/admin/programs/" + UUID.randomUUID() + "/clocks", "application/json");
		assertThat(problem.statusCode()).isEqualTo(404);
		assertThat(problem.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(problem.body()).contains(es("error.not-found", "program")).contains(es("error.problem.title.404"));

		Browserless cm = spanishStaff(Set.of(Role.CASE_MANAGER));
		cm.get("/account/password");
		HttpResponse<String> form = cm.post("/account/password",
				Map.of("currentPassword", PASSWORD, "newPassword", "Another-password-22", "confirmPassword", "Different-password-33"));
		assertThat(form.body()).contains(es("password.mismatch")).doesNotContain("The two new passwords are not the same");
		assertThat(form.body()).contains("lang=\"es\"");

		HttpResponse<String> refused = cm.post("/account/password", Map.of("currentPassword", "x\u0000"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains(org.springframework.web.util.HtmlUtils.htmlEscape(es("error.parameters.title")))
			.contains("lang=\"es\"");
	}
}
