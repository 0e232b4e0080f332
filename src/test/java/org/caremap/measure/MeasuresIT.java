package org.caremap.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.portal.PortalAccounts;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Self-reported measures over real HTTP and the real database: the patient enters readings in the portal and staff on
 * the chart; implausible values come back as field errors (and the database refuses them too); a reading outside the
 * program's limits makes a task for the case manager, once; a patient's portal user reaches no one else's readings,
 * and a proxy told "appointments only" does not see the section.
 */
class MeasuresIT extends IntegrationTest {

	@Autowired Measures measures;
	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	private record Fixture(PatientId patient, CaseId caseId, PortalLogin login) {
	}

	private ProgramView complexCare() {
		return programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
	}

	@BeforeEach
	void limits() {
		ProgramView program = complexCare();
		new Actors(details).as("admin", () -> {
			measures.setLimit(new MeasureLimit(program.id(), MeasureKind.BLOOD_PRESSURE, new BigDecimal("90"),
					new BigDecimal("160"), new BigDecimal("50"), new BigDecimal("100")));
			return null;
		});
	}

	private Fixture patientOnDanasCaseload(String family) {
		PatientId patient = PortalFixtures.patient(patients, organizations, family, "Rosa", "en");
		CaseId caseId = PortalWorkFixtures.onDanasCaseload(programs, cases, users, details, patient);
		return new Fixture(patient, caseId, PortalLogins.patient(accounts, patient, "Rosa " + family));
	}

	private Browserless portal(PortalLogin login) {
		return portalClient(login);
	}

	private Browserless dana() {
		return staffClient("casemanager");
	}

	private long count(String sql, Object... params) {
		var q = jdbc.sql(sql);
		for (Object p : params) q = q.param(p);
		return q.query(Long.class).single();
	}

	private String takenAt() {
		return LocalDateTime.now(organizations.zone()).minusMinutes(5).truncatedTo(ChronoUnit.MINUTES).toString();
	}

	private static Map<String, String> bp(String systolic, String diastolic, String takenAt) {
		return Map.of("kind", "BLOOD_PRESSURE", "systolic", systolic, "diastolic", diastolic, "unit", "mm[Hg]",
				"takenAt", takenAt, "note", "");
	}

	@Test
	void thePatientEntersReadingsInThePortalAndOneOutOfRangeMakesOneTaskForTheCaseManager() {
		Fixture f = patientOnDanasCaseload("Measure-" + UUID.randomUUID().toString().substring(0, 6));
		Browserless b = portal(f.login());
		HttpResponse<String> page = b.get("/portal/measures");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"measure-form\"").contains("id=\"measure-kinds\"");
		assertThat(b.get("/portal").body()).as("the portal menu links the section").contains("href=\"/portal/measures\"");

		HttpResponse<String> fine = b.post("/portal/measures", bp("132", "84", takenAt()));
		assertThat(fine.statusCode()).as(fine.body()).isEqualTo(302);
		assertThat(Browserless.location(fine)).contains("/portal/measures?kind=BLOOD_PRESSURE");
		HttpResponse<String> high = b.post("/portal/measures", bp("182", "104", takenAt()));
		assertThat(high.statusCode()).as(high.body()).isEqualTo(302);
		HttpResponse<String> weight = b.post("/portal/measures", Map.of("kind", "WEIGHT", "value", "180", "unit", "lb",
				"takenAt", takenAt(), "note", "after breakfast"));
		assertThat(weight.statusCode()).as(weight.body()).isEqualTo(302);

		assertThat(jdbc.sql("select kind || ' ' || coalesce(systolic || '/' || diastolic, value::text) || ' ' || source || ' ' || out_of_range "
				+ "from measure_reading where patient_id = ? order by created_at").param(f.patient().value()).query(String.class).list())
			.containsExactly("BLOOD_PRESSURE 132/84 PATIENT false", "BLOOD_PRESSURE 182/104 PATIENT true", "WEIGHT 81.60 PATIENT false");
		UUID highId = jdbc.sql("select id from measure_reading where patient_id = ? and out_of_range").param(f.patient().value())
			.query(UUID.class).single();
		Eventually.until(Duration.ofMinutes(1), "a task for the case manager about the high reading", () -> count("""
				select count(*) from task t join user_account u on u.id = t.owner_user_id
				where t.patient_id = ? and t.source = ? and u.username = 'casemanager'
				  and t.title_key = 'task.title.measureOutOfRange.BLOOD_PRESSURE' and t.title_args[1] = '182/104'""",
				f.patient().value(), "measure:" + highId) == 1);
		assertThat(count("select count(*) from task where patient_id = ? and source like 'measure:%'", f.patient().value()))
			.as("only the reading out of range made a task").isEqualTo(1);
		// the page shows the readings, charted, with the out-of-range one marked
		String shown = b.get("/portal/measures").body();
		assertThat(shown).contains("182/104").contains("132/84").contains("class=\"cm-measure-chart\"")
			.contains("data-y2=\"84,104\"").contains("data-y=\"132,182\"");
		assertThat(count("select count(*) from audit_event where actor = ? and action = 'CREATE' and resource_type = 'Observation'",
				"portal:" + f.login().accountId())).isEqualTo(3);
	}

	@Test
	void implausibleValuesAreFieldErrorsAndTheDatabaseRefusesThemToo() {
		Fixture f = patientOnDanasCaseload("Range-" + UUID.randomUUID().toString().substring(0, 6));
		Browserless b = portal(f.login());
		b.get("/portal/measures");
		HttpResponse<String> tooHigh = b.post("/portal/measures", bp("400", "80", takenAt()));
		assertThat(tooHigh.statusCode()).isEqualTo(200);
		assertThat(tooHigh.body()).contains("The top number must be between 50 and 300.").contains("id=\"systolic-error\"");
		HttpResponse<String> upsideDown = b.post("/portal/measures", bp("80", "120", takenAt()));
		assertThat(upsideDown.body()).contains("The bottom number must be lower than the top number.");
		HttpResponse<String> notANumber = b.post("/portal/measures", bp("abc", "80", takenAt()));
		assertThat(notANumber.statusCode()).isEqualTo(200);
		assertThat(notANumber.body()).contains("Give the top number as a whole number, such as 128.");
		HttpResponse<String> steps = b.post("/portal/measures", Map.of("kind", "STEPS", "value", "250000", "unit", "/d",
				"takenAt", takenAt(), "note", ""));
		assertThat(steps.body()).contains("The reading must be between 0 and 100000.");
		HttpResponse<String> future = b.post("/portal/measures", bp("120", "80",
				LocalDateTime.now(organizations.zone()).plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString()));
		assertThat(future.body()).contains("The reading cannot be taken in the future.");
		assertThat(count("select count(*) from measure_reading where patient_id = ?", f.patient().value())).isZero();

		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, f.login(), () -> measures.record(new NewReading(f.patient(),
				MeasureKind.MOOD, null, null, new BigDecimal("7"), null, Instant.now(), null))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("measure.value-range"));
		assertThatThrownBy(() -> jdbc.sql("""
				insert into measure_reading (id, patient_id, kind, systolic, diastolic, unit, taken_at, source, entered_by,
				    entered_by_name, created_by)
				values (?, ?, 'BLOOD_PRESSURE', 20, 10, 'mm[Hg]', now(), 'STAFF', 'test', 'test', 'test')""")
			.params(UUID.randomUUID(), f.patient().value()).update())
			.hasMessageContaining("measure_reading_plausible");
	}

	@Test
	void staffEnterAReadingOnTheChartAndSeeThePatientsOnes() {
		Fixture f = patientOnDanasCaseload("Chart-" + UUID.randomUUID().toString().substring(0, 6));
		PortalWorkFixtures.asPortal(accounts, f.login(), () -> measures.record(new NewReading(f.patient(),
				MeasureKind.GLUCOSE, null, null, new BigDecimal("7.2"), "mmol/L", Instant.now().minusSeconds(600), null)));
		Browserless b = dana();
		HttpResponse<String> tab = b.get("/patients/" + f.patient().value() + "/measures?kind=GLUCOSE");
		assertThat(tab.statusCode()).as(tab.body()).isEqualTo(200);
		assertThat(tab.body()).contains("129.6").contains("Rosa").contains("measure-form");
		HttpResponse<String> posted = b.post("/patients/" + f.patient().value() + "/measures", bp("126", "78", takenAt()));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		assertThat(jdbc.sql("select source || ' ' || entered_by_name from measure_reading where patient_id = ? and kind = 'BLOOD_PRESSURE'")
			.param(f.patient().value()).query(String.class).single()).startsWith("STAFF Dana Whitfield");
		HttpResponse<String> bad = b.post("/patients/" + f.patient().value() + "/measures", bp("126", "", takenAt()));
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("Give the bottom number.");
	}

	@Test
	void aPortalUserReachesNoOtherPatientsReadingsAndAProxyToldLessDoesNotSeeThem() {
		Fixture mine = patientOnDanasCaseload("Own-" + UUID.randomUUID().toString().substring(0, 6));
		Fixture theirs = patientOnDanasCaseload("Other-" + UUID.randomUUID().toString().substring(0, 6));
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, mine.login(), () -> measures.record(new NewReading(
				theirs.patient(), MeasureKind.WEIGHT, null, null, new BigDecimal("70"), "kg", Instant.now(), null))))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, mine.login(), () -> measures.readings(theirs.patient(), 10)))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(count("select count(*) from measure_reading where patient_id = ?", theirs.patient().value())).isZero();

		UUID appointmentsOnly = PortalFixtures.contact(patients, mine.patient(), "Tom Appointments", SupportContact.Disclosure.APPOINTMENTS);
		PortalLogin tom = PortalLogins.proxy(accounts, mine.patient(), appointmentsOnly, "Tom Appointments");
		Browserless b = portal(tom);
		assertThat(b.get("/portal/measures").statusCode()).isEqualTo(403);
		assertThat(b.get("/portal").body()).doesNotContain("/portal/measures");
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, tom, () -> measures.record(new NewReading(
				mine.patient(), MeasureKind.WEIGHT, null, null, new BigDecimal("70"), "kg", Instant.now(), null))))
			.isInstanceOf(AccessDeniedException.class);

		UUID everything = PortalFixtures.contact(patients, mine.patient(), "Eva Everything", SupportContact.Disclosure.EVERYTHING);
		PortalLogin eva = PortalLogins.proxy(accounts, mine.patient(), everything, "Eva Everything");
		Browserless e = portal(eva);
		assertThat(e.get("/portal/measures").statusCode()).isEqualTo(200);
		HttpResponse<String> posted = e.post("/portal/measures", bp("128", "80", takenAt()));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		assertThat(jdbc.sql("select source || ' ' || entered_by_name from measure_reading where patient_id = ?")
			.param(mine.patient().value()).query(String.class).single()).isEqualTo("PROXY Eva Everything");
	}

	@Test
	void anAdministratorSetsAProgramsLimitsWithFieldErrors() {
		Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());
		ProgramView program = programs.active().stream().filter(p -> p.name().equals("Hospital transitions")).findFirst()
			.orElse(programs.active().get(0));
		String path = "/admin/programs/" + program.id().value() + "/measures";
		assertThat(admin.get(path).statusCode()).isEqualTo(200);
		HttpResponse<String> wrong = admin.post(path, Map.of("weightLow", "120", "weightHigh", "60"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("The upper limit must be above the lower limit.");
		HttpResponse<String> ok = admin.post(path, Map.of("weightLow", "40", "weightHigh", "150"));
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
		assertThat(measures.limits(program.id())).extracting(MeasureLimit::kind).contains(MeasureKind.WEIGHT);
		HttpResponse<String> cleared = admin.post(path, Map.of("weightLow", "", "weightHigh", ""));
		assertThat(cleared.statusCode()).isEqualTo(302);
		assertThat(measures.limits(program.id())).extracting(MeasureLimit::kind).doesNotContain(MeasureKind.WEIGHT);
		// a case manager may not
		assertThat(dana().get(path).statusCode()).isEqualTo(403);
	}
}
