package org.caremap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Whatever a client sends, the answer is a clear 4xx (or the form again with its errors), never a 500. */
class BadInputIT extends IntegrationTest {

	@Autowired DemoLogins demo;

	private Browserless as(String user) {
		Browserless b = client();
		b.login(user, demo.password(user).orElseThrow());
		b.get("/");
		return b;
	}

	@Test
	void malformedAddressesAndParametersAreClientErrors() {
		Browserless intake = as("intake");
		for (String path : new String[] { "/patients/not-a-uuid", "/referrals/not-a-uuid", "/referrals?urgency=SOON",
				"/referrals?status=LOST", "/referrals/" + UUID.randomUUID(), "/patients/" + UUID.randomUUID() + "/timeline",
				"/referrals/new?patient=nope", "/cases/" + UUID.randomUUID() }) {
			HttpResponse<String> response = intake.get(path);
			assertThat(response.statusCode()).as(path).isBetween(400, 499);
			assertThat(response.body()).as(path).doesNotContain("Exception").doesNotContain("at org.");
		}
		Browserless cm = as("casemanager");
		assertThat(cm.get("/caseload?acuity=EXTREME").statusCode()).isBetween(400, 499);
		assertThat(cm.get("/caseload?sort=%27%3Bdrop").statusCode()).isEqualTo(200);
	}

	@Test
	void malformedFormsComeBackWithTheirErrors() {
		Browserless intake = as("intake");
		intake.get("/referrals/new");
		HttpResponse<String> referral = intake.post("/referrals/new",
				Map.of("patientId", UUID.randomUUID().toString(), "programId", "x", "urgency", "NOW", "reason", ""));
		assertThat(referral.statusCode()).isBetween(200, 499);
		assertThat(referral.statusCode()).isNotEqualTo(302);

		intake.get("/referrals");
		HttpResponse<String> claim = intake.post("/referrals/" + UUID.randomUUID() + "/claim", Map.of());
		assertThat(claim.statusCode()).isIn(302, 404);

		Browserless admin = as("admin");
		admin.get("/admin/programs/new");
		HttpResponse<String> program = admin.post("/admin/programs/new",
				Map.of("name", "", "type", "SPACE", "contactEveryDays", "often", "confidentiality", "STANDARD"));
		assertThat(program.statusCode()).isEqualTo(200);
		assertThat(program.body()).contains("Please correct the fields marked below");

		Browserless supervisor = as("supervisor");
		supervisor.get("/caseload/team");
		HttpResponse<String> reassign = supervisor.post("/caseload/reassign",
				Map.of("case", "not-a-case", "to", "nobody", "reason", "x"));
		assertThat(reassign.statusCode()).isBetween(300, 499);
	}
}
