package org.caremap.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The appointment pages over HTTP: the edit form with its field errors (what was typed kept, nothing stored), a
 * saved change, moving an appointment (a missing new time is a field error), and an action the status does not allow
 * refused in plain words.
 */
class AppointmentPagesIT extends IntegrationTest {

	@Autowired Appointments appointments;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired DemoLogins demo;

	@Test
	void editMoveAndRefusedActionsOnThePages() {
		Actors actors = new Actors(users);
		PatientId patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts,
				"Pageflow", "pageflow@example.org");
		Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
		UUID id = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start, true)));
		String base = "/patients/" + patient.value() + "/appointments";
		Browserless b = client();
		b.login("casemanager", demo.password("casemanager").orElseThrow());

		HttpResponse<String> edit = b.get(base + "/" + id + "/edit");
		assertThat(edit.statusCode()).isEqualTo(200);
		assertThat(edit.body()).contains("Change the appointment").contains("value=\"Dr. Maria Alvarez\"");

		var zone = organizations.primary().orElseThrow().zone();
		String when = LocalDateTime.ofInstant(start.plus(Duration.ofDays(1)), zone).toString();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("kind", "PROVIDER_VISIT");
		form.put("practitioner", "Dr. Helen Park");
		form.put("start", when);
		form.put("minutes", "0");
		form.put("version", "0");
		form.put("booked", "true");
		HttpResponse<String> bad = b.post(base + "/" + id, form);
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("Please correct the fields marked below.").contains("The value is too small.")
			.contains("value=\"Dr. Helen Park\"");
		assertThat(practitioner(id)).as("nothing stored").isEqualTo("Dr. Maria Alvarez");

		form.put("minutes", "45");
		HttpResponse<String> saved = b.post(base + "/" + id, form);
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(follow(b, saved)).contains("The appointment is changed.");
		assertThat(practitioner(id)).isEqualTo("Dr. Helen Park");
		assertThat(b.post(base + "/" + id, form).body()).as("the same form again is stale")
			.contains("Someone changed this appointment at the same moment");

		HttpResponse<String> noTime = b.post(base + "/" + id + "/reschedule", Map.of("newMinutes", "30"));
		assertThat(noTime.statusCode()).isEqualTo(200);
		assertThat(noTime.body()).contains("This field is required.").contains("alert alert-danger");
		assertThat(status(id)).isEqualTo("BOOKED");
		HttpResponse<String> moved = b.post(base + "/" + id + "/reschedule", Map.of("newStart", when, "newMinutes", "30"));
		assertThat(moved.statusCode()).isEqualTo(302);
		assertThat(follow(b, moved)).contains("The appointment is moved to the new time.");
		assertThat(status(id)).isEqualTo("RESCHEDULED");

		HttpResponse<String> refused = b.post(base + "/" + id + "/status", Map.of("action", "NO_SHOW"));
		assertThat(refused.statusCode()).isEqualTo(302);
		String after = follow(b, refused);
		assertThat(after).contains("This appointment is rescheduled; it cannot be done now (no show).");
		assertThat(status(id)).isEqualTo("RESCHEDULED");
	}

	/** The page a redirect leads to (its flash message shown and used up). */
	private static String follow(Browserless b, HttpResponse<String> redirect) {
		return b.get(Browserless.location(redirect).replaceFirst("^https?://[^/]+", "").replaceFirst("#.*$", "")).body();
	}

	private String practitioner(UUID id) {
		return jdbc.sql("select practitioner from appointment where id = ?").param(id).query(String.class).single();
	}

	private String status(UUID id) {
		return jdbc.sql("select status from appointment where id = ?").param(id).query(String.class).single();
	}
}
