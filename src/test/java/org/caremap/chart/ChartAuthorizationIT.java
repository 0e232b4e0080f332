package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.caremap.access.PatientAccess;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Case manager A cannot reach case manager B's patient through any page, fragment, search or form that exists,
 * and each attempt is audited; break-the-glass opens the record with a reason, for a limited time, audited and
 * notified to the supervisor.
 */
class ChartAuthorizationIT extends IntegrationTest {

	@Autowired PatientAccess access;
	@Autowired PatientRegistry patients;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	/** A patient of casemanager2 that casemanager has no relationship with. */
	private PatientId othersPatient() {
		var mine = access.patientsOf(accounts.findByUsername("casemanager").orElseThrow().id());
		return access.patientsOf(accounts.findByUsername("casemanager2").orElseThrow().id()).stream()
			.filter(p -> !mine.contains(p))
			.sorted(java.util.Comparator.comparing(PatientId::toString))
			.findFirst()
			.orElseThrow();
	}

	private long denials(PatientId patient) {
		return jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and outcome = 'DENIED' and patient_id = ?")
			.param(patient.value()).query(Long.class).single();
	}

	@Test
	void caseManagerCannotReachAnotherCaseManagersPatientAnywhere() {
		PatientId patient = othersPatient();
		PatientHeader header = SystemActor.call("test", List.of("SYSTEM"), () -> patients.headers(List.of(patient)).get(patient));
		CaseView theirCase = SystemActor.call("test", List.of("SYSTEM"), () -> cases.ofPatient(patient).get(0));
		Browserless a = client();
		a.login("casemanager", demo.password("casemanager").orElseThrow());
		a.get("/");

		long before = denials(patient);
		for (String page : List.of("", "/timeline", "/cases", "/network", "/coverage")) {
			HttpResponse<String> response = a.get("/patients/" + patient + page);
			assertThat(response.statusCode()).as(page).isEqualTo(403);
			assertThat(response.body()).as(page).doesNotContain(header.familyName() + ", " + header.givenName());
		}
		assertThat(a.get("/cases/" + theirCase.id()).statusCode()).isEqualTo(403);
		a.get("/");
		assertThat(a.post("/patients/" + patient + "/network", Map.of("name", "Intruder", "relationship", "none",
				"mayBeTold", "EVERYTHING")).statusCode()).isEqualTo(403);
		a.get("/");
		assertThat(a.post("/patients/" + patient + "/coverage", Map.of("payer", "X", "memberId", "1",
				"effectiveFrom", "2026-01-01", "priority", "1")).statusCode()).isEqualTo(403);
		a.get("/");
		HttpResponse<String> hold = a.post("/patients/" + patient + "/cases/" + theirCase.id() + "/hold",
				Map.of("reason", "not mine"));
		assertThat(hold.statusCode()).isIn(302, 403);
		assertThat(jdbc.sql("select status from care_case where id = ?").param(theirCase.id().value())
			.query(String.class).single()).isEqualTo(theirCase.status().name());
		// search finds nothing of theirs, the caseload shows only one's own, referral pages are intake's
		assertThat(a.get("/patients?q=" + header.recordNumber()).body()).doesNotContain(patient.toString());
		assertThat(a.get("/caseload").body()).doesNotContain(patient.toString());
		assertThat(a.get("/referrals").statusCode()).isEqualTo(403);
		assertThat(a.get("/caseload/team").statusCode()).isEqualTo(403);
		assertThat(denials(patient) - before).isGreaterThanOrEqualTo(8);
		// nothing was written
		assertThat(jdbc.sql("select count(*) from patient_contact where patient_id = ?").param(patient.value())
			.query(Long.class).single()).isZero();
	}

	@Test
	void breakingTheGlassOpensTheRecordForALimitedTimeAuditedAndNotified() {
		PatientId patient = othersPatient();
		Browserless a = client();
		a.login("casemanager", demo.password("casemanager").orElseThrow());
		HttpResponse<String> refused = a.get("/patients/" + patient);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("Emergency access");
		var supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		long notified = jdbc.sql("select count(*) from notification where recipient_id = ? and category = 'break-glass'")
			.param(supervisor.value()).query(Long.class).single();

		HttpResponse<String> tooShort = a.post("/patients/" + patient + "/break-glass", Map.of("reason", "need", "minutes", "30"));
		assertThat(a.get(Browserless.location(tooShort).replaceFirst("^https?://[^/]+", "")).body())
			.contains("State why you need this record");

		a.get("/");
		a.post("/patients/" + patient + "/break-glass",
				Map.of("reason", "Patient called in crisis; their case manager is away", "minutes", "30"));
		HttpResponse<String> open = a.get("/patients/" + patient);
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.body()).contains("Emergency access until");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and action = 'BREAK_GLASS' and patient_id = ?")
			.param(patient.value()).query(Long.class).single()).isPositive();
		org.caremap.support.Eventually.until("the supervisor told of the emergency access", () -> jdbc.sql(
				"select count(*) from notification where recipient_id = ? and category = 'break-glass'")
			.param(supervisor.value()).query(Long.class).single() == notified + 1);

		// when the time is up the record closes again
		jdbc.sql("update break_glass set expires_at = now() - interval '1 second', granted_at = now() - interval '2 seconds' where patient_id = ?")
			.param(patient.value()).update();
		assertThat(a.get("/patients/" + patient).statusCode()).isEqualTo(403);
	}

	@Test
	void theProviderDirectoryIsLoadedWhenTheLinkFormOpensNotWithEveryChart() {
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		PatientId mine = access.patientsOf(dana).iterator().next();
		String clinic = jdbc.sql("select id::text from provider where name = 'Riverside Heart Clinic'").query(String.class).single();
		Browserless a = client();
		a.login("casemanager", demo.password("casemanager").orElseThrow());
		String chart = a.get("/patients/" + mine).body();
		assertThat(chart).doesNotContain("value=\"" + clinic + "\"").contains("/patients/" + mine + "/providers/choices");
		HttpResponse<String> choices = a.get("/patients/" + mine + "/providers/choices");
		assertThat(choices.statusCode()).isEqualTo(200);
		assertThat(choices.body()).contains("<option value=\"" + clinic + "\">Riverside Heart Clinic · Cardiology</option>")
			.doesNotContain("<html");
	}

	@Test
	void administratorsAreNotOfferedTheGlass() {
		PatientId patient = othersPatient();
		Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());
		HttpResponse<String> response = admin.get("/patients/" + patient);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("break-glass-form");
	}
}
