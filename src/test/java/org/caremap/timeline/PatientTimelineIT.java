package org.caremap.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
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
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The patient's timeline, over real HTTP: what the case manager does on the chart (an assessment completed through
 * its form, the case put on hold and resumed) appears on the timeline page with the patient's registration and
 * enrolment, each entry once, newest first.
 */
class PatientTimelineIT extends IntegrationTest {

	private static final Pattern ENTRY = Pattern.compile(
			"<li class=\"cm-timeline-entry\">\\s*<time[^>]*datetime=\"([^\"]+)\"[^>]*>.*?</time>\\s*<div>\\s*<strong>([^<]*)</strong>\\s*(?:<span>([^<]*)</span>)?",
			Pattern.DOTALL);

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired DemoLogins demo;

	/** One entry as the page shows it: when, what, and its short text. */
	record Shown(Instant at, String what, String summary) {
	}

	private static List<Shown> entries(String page) {
		List<Shown> shown = new ArrayList<>();
		Matcher m = ENTRY.matcher(page);
		while (m.find()) {
			shown.add(new Shown(Instant.parse(m.group(1)), m.group(2).trim(),
					m.group(3) == null ? "" : m.group(3).replaceFirst("^ · ", "").trim()));
		}
		return shown;
	}

	@Test
	void whatIsDoneOnTheChartAppearsOnTheTimelineNewestFirst() {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Chronicle");
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, programs.active().get(0).id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone),
				new Consent(LocalDate.now(zone), ConsentMethod.VERBAL, "Test Consenter", true, true, true, true),
				Acuity.MODERATE, "test")));
		Browserless dana = client();
		dana.login("casemanager", demo.password("casemanager").orElseThrow());
		String chart = "/patients/" + patient;

		List<Shown> before = entries(dana.get(chart + "/timeline").body());
		assertThat(before).filteredOn(e -> e.what().equals("Condition")).extracting(Shown::summary)
			.containsExactlyInAnyOrder("Essential (primary) hypertension (I10)", "Type 2 diabetes mellitus without complications (E11.9)");
		assertThat(before).filteredOn(e -> e.what().equals("Acuity set")).extracting(Shown::summary).containsExactly("Moderate: test");
		assertThat(ofInterest(before)).extracting(Shown::what).containsExactly("Case active", "Registered in Caremap");

		// a PHQ-2 completed through the chart's form: "several days" twice scores 2
		dana.get(chart + "/assessments");
		HttpResponse<String> started = dana.post(chart + "/assessments",
				Map.of("instrument", "phq-2", "dueOn", LocalDate.now(zone).toString(), "caseId", caseId.value().toString(), "action", "start"));
		assertThat(started.statusCode()).isEqualTo(302);
		String form = Browserless.location(started).replaceFirst("^https?://[^/]+", "");
		String page = dana.get(form).body();
		Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
		assertThat(version.find()).isTrue();
		HttpResponse<String> completed = dana.post(form, Map.of("q.phq2-1", "LA6569-3", "q.phq2-2", "LA6569-3", "respondent",
				"PATIENT", "version", version.group(1), "action", "complete"));
		assertThat(completed.statusCode()).isEqualTo(302);
		assertThat(dana.get(form).body()).contains("Assessment completed and scored.");

		// the case put on hold, then resumed, each with its reason
		String hold = "Hospital stay " + UUID.randomUUID().toString().substring(0, 6);
		String resume = "Home again " + UUID.randomUUID().toString().substring(0, 6);
		dana.get(chart + "/cases");
		assertThat(Browserless.location(dana.post(chart + "/cases/" + caseId + "/hold", Map.of("reason", hold)))).endsWith(chart + "/cases");
		assertThat(dana.get(chart + "/cases").body()).contains("The case is on hold.");
		dana.post(chart + "/cases/" + caseId + "/resume", Map.of("reason", resume));
		assertThat(dana.get(chart + "/cases").body()).contains("The case is active again.");

		List<Shown> all = entries(dana.get(chart + "/timeline").body());
		assertThat(all).extracting(Shown::at).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(all).hasSize(before.size() + 3);
		List<Shown> after = ofInterest(all);
		assertThat(after).extracting(Shown::what)
			.containsExactly("Case active", "Case on hold", "Assessment completed", "Case active", "Registered in Caremap");
		assertThat(after.get(0).summary()).isEqualTo(resume);
		assertThat(after.get(1).summary()).isEqualTo(hold);
		assertThat(after.get(2).summary()).contains("PHQ-2").contains(": 2");
	}

	/**
	 * The entries but those recorded in the same transaction as another (the conditions with the registration, the
	 * acuity with the enrolment), whose order among themselves is not the point.
	 */
	private static List<Shown> ofInterest(List<Shown> entries) {
		return entries.stream().filter(e -> !e.what().equals("Condition") && !e.what().equals("Acuity set")).toList();
	}
}
