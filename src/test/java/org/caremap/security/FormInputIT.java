package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.access.PatientAccess;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.PatientId;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Findings 5, 6 and 8 on the pages: a NUL byte, half a surrogate pair, markup in a phone field or a text far longer
 * than any field is a field error (what was typed comes back) or a 400 in plain words, never a 500, and nothing
 * is stored; the error page asked for directly does not exist.
 */
class FormInputIT extends IntegrationTest {

	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired PatientAccess access;
	@Autowired UserAccounts accounts;

	private Browserless as(String user) {
		Browserless b = client();
		b.login(user, demo.password(user).orElseThrow());
		b.get("/");
		return b;
	}

	private PatientId patientOf(String user) {
		return access.patientsOf(accounts.findByUsername(user).orElseThrow().id()).stream()
			.sorted(java.util.Comparator.comparing(p -> p.value().toString())).findFirst().orElseThrow();
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aNulByteOrHalfACharacterInAFreeTextFieldIsAClearRefusal() {
		Browserless cm = as("casemanager");
		PatientId patient = patientOf("casemanager");
		String marker = "marker-" + UUID.randomUUID();
		cm.get("/patients/" + patient + "/notes");
		for (String bad : new String[] { marker + "\u0000", "\u0000" }) {
			HttpResponse<String> note = cm.post("/patients/" + patient + "/notes",
					Map.of("format", "SOAP", "section", bad, "action", "draft"));
			assertThat(note.statusCode()).as(note.body()).isBetween(400, 499);
			HttpResponse<String> feedback = cm.post("/patients/" + patient + "/feedback",
					Map.of("sentiment", "POSITIVE", "category", "CARE_QUALITY", "description", bad));
			assertThat(feedback.statusCode()).isBetween(400, 499);
		}
		assertThat(count("select count(*) from progress_note where section_1 like ?", "%" + marker + "%")).isZero();
		// half of a surrogate pair cannot even be encoded as UTF-8; the bytes a client might try are not a 500
		cm.get("/patients/" + patient + "/notes");
		HttpResponse<String> half = cm.postEncoded("/patients/" + patient + "/notes",
				"format=SOAP&action=draft&section=" + marker + "%ED%A0%80");
		assertThat(half.statusCode()).isBetween(200, 499);
		assertThat(count("select count(*) from patient_feedback where description like ?", "%" + marker + "%")).isZero();
	}

	@Test
	void aFormShowsItsFieldErrorsAndKeepsWhatWasTyped() {
		Browserless cm = as("casemanager");
		PatientId patient = patientOf("casemanager");
		HttpResponse<String> page = cm.get("/patients/" + patient + "/network");
		// the page carries each field's limit, so nobody can type past it
		assertThat(page.body()).contains("maxlength=\"120\"").contains("maxlength=\"40\"");
		HttpResponse<String> nul = cm.post("/patients/" + patient + "/network", Map.of("name", "Rosa\u0000Diaz",
				"relationship", "Daughter", "mayBeTold", "NOTHING", "_caregiver", "on", "_legalRepresentative", "on"));
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("holds a NUL character").contains("Nothing was saved");
		cm.get("/patients/" + patient + "/network");
		HttpResponse<String> markup = cm.post("/patients/" + patient + "/network", Map.of("name", "Rosa Diaz",
				"relationship", "Daughter", "phone", "<script>alert(1)</script>", "email", "rosa@example.org\"><b>",
				"mayBeTold", "NOTHING", "_caregiver", "on", "_legalRepresentative", "on"));
		assertThat(markup.statusCode()).isEqualTo(200);
		assertThat(markup.body()).contains("Enter a phone number").contains("Enter an e-mail address")
			.contains("value=\"Rosa Diaz\"").doesNotContain("<script>alert(1)</script>");
		HttpResponse<String> tooLong = cm.post("/patients/" + patient + "/network", Map.of("name", "Z".repeat(500),
				"relationship", "Daughter", "mayBeTold", "NOTHING", "_caregiver", "on", "_legalRepresentative", "on"));
		assertThat(tooLong.statusCode()).isEqualTo(200);
		assertThat(tooLong.body()).contains("is-invalid");
		HttpResponse<String> huge = cm.post("/patients/" + patient + "/network", Map.of("name", "Z".repeat(100_000),
				"relationship", "Daughter", "mayBeTold", "NOTHING", "_caregiver", "on", "_legalRepresentative", "on"));
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(count("select count(*) from patient_contact where patient_id = ? and (name like 'Rosa%' or length(name) > 200)",
				patient.value())).isZero();
	}

	@Test
	void oddMultipartFormsAreClearRefusals() {
		Browserless cm = as("casemanager");
		PatientId patient = patientOf("casemanager");
		cm.get("/patients/" + patient + "/notes");
		String boundary = "----walk" + UUID.randomUUID();
		// a text field sent as a file
		String asFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nSOAP\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"section\"; filename=\"a.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
		HttpResponse<String> file = cm.postBody("/patients/" + patient + "/notes", "multipart/form-data; boundary=" + boundary,
				asFile.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(file.statusCode()).as(file.body()).isBetween(400, 499);
		// a file name holding a NUL, on the referral documents form
		Browserless intake = as("intake");
		String referral = jdbc.sql("select id::text from referral order by created_at limit 1").query(String.class).single();
		intake.get("/referrals/" + referral);
		String document = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a\u0000b.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + boundary + "--\r\n";
		HttpResponse<String> nul = intake.postBody("/referrals/" + referral + "/documents", "multipart/form-data; boundary=" + boundary,
				document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(nul.statusCode()).as(nul.body()).isBetween(400, 499);
	}

	@Test
	void aFutureBirthDateIsAFieldError() {
		Browserless intake = as("intake");
		intake.get("/patients/new");
		HttpResponse<String> future = intake.post("/patients/new", Map.of("familyName", "Tomorrow", "givenName", "Tess",
				"birthDate", Today.date().plusYears(1).toString(), "sex", "FEMALE", "preferredLanguage", "en"));
		assertThat(future.statusCode()).isEqualTo(200);
		assertThat(count("select count(*) from patient where family_name = 'Tomorrow'")).isZero();
	}

	@Test
	void theErrorPageAskedForDirectlyDoesNotExist() {
		Browserless anyone = client();
		assertThat(anyone.get("/error").statusCode()).isEqualTo(404);
		Browserless cm = as("casemanager");
		assertThat(cm.get("/error").statusCode()).isEqualTo(404);
		assertThat(cm.get("/error", "application/json").statusCode()).isEqualTo(404);
	}
}
