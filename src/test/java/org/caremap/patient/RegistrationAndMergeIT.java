package org.caremap.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registering someone Caremap already knows shows the likely duplicates before anything is saved; a duplicate
 * registered anyway can be merged, and the merge keeps every piece of history and is audited.
 */
class RegistrationAndMergeIT extends IntegrationTest {

	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	record Known(UUID id, String family, String given, LocalDate birth, String sex, String phone, String mrn) {
	}

	private Known someoneKnown() {
		return jdbc.sql("""
				select p.id, p.family_name, p.given_name, p.birth_date, p.sex, p.phone, i.value
				from patient p join patient_identifier i on i.patient_id = p.id and i.type = 'MR'
				where not p.voided and p.created_by = 'system:demo'
				  and exists (select 1 from care_case c where c.patient_id = p.id and c.status <> 'CLOSED')
				order by p.given_name in ('Margaret', 'William', 'Robert') desc, p.id limit 1""")
			.query((rs, n) -> new Known(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7)))
			.single();
	}

	private Map<String, String> form(Known k, String given, LocalDate birth, String mrn) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("familyName", k.family());
		form.put("givenName", given);
		form.put("birthDate", birth.toString());
		form.put("sex", k.sex().toUpperCase());
		form.put("phone", "(740) 555-0000");
		form.put("preferredLanguage", "en");
		form.put("recordNumber", mrn);
		form.put("recordAuthority", "Lakeside Clinic");
		return form;
	}

	@Test
	void likelyDuplicatesAreShownBeforeSavingAndAMergeKeepsEverything() {
		Known known = someoneKnown();
		String nickname = switch (known.given()) {
			case "Margaret" -> "Peggy";
			case "William" -> "Bill";
			case "Robert" -> "Bob";
			default -> known.given();
		};
		// day and month swapped, nickname, a different phone: still found
		LocalDate swapped = known.birth().getDayOfMonth() <= 12
				? LocalDate.of(known.birth().getYear(), known.birth().getDayOfMonth(), known.birth().getMonthValue())
				: known.birth();
		Browserless intake = client();
		intake.login("intake", demo.password("intake").orElseThrow());
		intake.get("/patients/new");
		String mrn = "LC-" + UUID.randomUUID().toString().substring(0, 6);
		long before = jdbc.sql("select count(*) from patient").query(Long.class).single();
		HttpResponse<String> first = intake.post("/patients/new", form(known, nickname, swapped, mrn));
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("This may be a patient Caremap already knows")
			.contains(known.family() + ", " + known.given());
		assertThat(jdbc.sql("select count(*) from patient").query(Long.class).single()).as("nothing saved yet").isEqualTo(before);

		// registered anyway
		Map<String, String> again = form(known, nickname, swapped, mrn);
		again.put("confirmedNew", "true");
		HttpResponse<String> created = intake.post("/patients/new", again);
		assertThat(created.statusCode()).isEqualTo(302);
		UUID duplicate = jdbc.sql("select patient_id from patient_identifier where value = ?").param(mrn)
			.query(UUID.class).single();
		jdbc.sql("insert into patient_contact (id, patient_id, name, relationship, created_by) values (?, ?, 'Ann Kin', 'daughter', 'test')")
			.params(UUID.randomUUID(), duplicate).update();

		// the supervisor merges the duplicate into the known record
		Browserless supervisor = client();
		supervisor.login("supervisor", demo.password("supervisor").orElseThrow());
		supervisor.get("/patients/" + known.id());
		HttpResponse<String> merged = supervisor.post("/patients/" + known.id() + "/merge",
				Map.of("duplicate", mrn, "reason", "same person: nickname and swapped birth date"));
		assertThat(merged.statusCode()).isEqualTo(302);
		assertThat(supervisor.get("/patients/" + known.id()).body()).contains("The duplicate record was merged");
		assertThat(jdbc.sql("select voided and merged_into = ? from patient where id = ?").params(known.id(), duplicate)
			.query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select count(*) from patient_identifier where patient_id = ? and value = ?")
			.params(known.id(), mrn).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from patient_contact where patient_id = ? and name = 'Ann Kin'")
			.param(known.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'MERGE' and patient_id = ?")
			.param(known.id()).query(Long.class).single()).isEqualTo(1);
		// and the merged record no longer turns up in searches
		assertThat(supervisor.get("/patients?q=" + mrn).body()).doesNotContain(duplicate.toString());
	}

	@Test
	void aNewPersonIsRegisteredWithoutDetour() {
		Browserless intake = client();
		intake.login("intake", demo.password("intake").orElseThrow());
		intake.get("/patients/new");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("familyName", "Okonkwo-Lindqvist");
		form.put("givenName", "Zanele");
		form.put("birthDate", "1977-09-29");
		form.put("sex", "FEMALE");
		form.put("preferredLanguage", "en");
		HttpResponse<String> response = intake.post("/patients/new", form);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(response)).contains("/referrals/new?patient=");
	}

	@Test
	void badInputIsRefusedFieldByFieldAndNothingIsSaved() {
		Browserless intake = client();
		intake.login("intake", demo.password("intake").orElseThrow());
		intake.get("/patients/new");
		long before = jdbc.sql("select count(*) from patient").query(Long.class).single();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("familyName", "Kept");
		form.put("givenName", "");
		form.put("birthDate", "2999-01-01");
		form.put("preferredLanguage", "english");
		form.put("recordNumber", "X-1");
		HttpResponse<String> response = intake.post("/patients/new", form);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("value=\"Kept\"").contains("This field is required")
			.contains("Say who assigned the record number");
		assertThat(jdbc.sql("select count(*) from patient").query(Long.class).single()).isEqualTo(before);
	}
}
