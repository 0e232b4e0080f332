package org.caremap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.caremap.support.Browserless;
import org.caremap.support.CaremapProcess;
import org.junit.jupiter.api.Test;

/**
 * The {@code populate} command on a fresh database: an organisation with staff, patients and their history, indexes
 * and foreign keys in place afterwards, the audit trail sealed and intact, the same data for the same seed, a second
 * run refused; and Caremap serving it (a case manager's day and a chart).
 */
class PopulationIT {

	@Test
	void populatesAnEmptyDatabaseDeterministically() throws Exception {
		String digest;
		try (CaremapProcess caremap = new CaremapProcess(Path.of("target", "it-population"))) {
			Map.Entry<Integer, String> loaded = caremap.command("populate", "2k", "--seed=7");
			assertThat(loaded.getKey()).as(loaded.getValue()).isZero();
			assertThat(loaded.getValue()).contains("Loading a synthetic population of 2,000 patients (seed 7)", "Population loaded in");

			assertThat(count(caremap, "select count(*) from patient")).isEqualTo(2000);
			assertThat(count(caremap, "select count(*) from care_case where status <> 'CLOSED'")).isBetween(600L, 1000L);
			assertThat(count(caremap, "select count(*) from care_case where status = 'CLOSED'")).isPositive();
			assertThat(count(caremap, "select count(*) from task where status in ('READY', 'IN_PROGRESS', 'ON_HOLD')")).isPositive();
			assertThat(count(caremap, "select count(*) from task where status = 'COMPLETED'")).isPositive();
			assertThat(count(caremap, "select count(*) from contact_task")).isPositive();
			assertThat(count(caremap, "select count(*) from progress_note where status = 'SIGNED'")).isPositive();
			assertThat(count(caremap, "select count(*) from referral where status = 'RECEIVED'")).isPositive();
			assertThat(count(caremap, "select count(*) from encounter where patient_class = 'I'")).isPositive();
			assertThat(count(caremap, "select count(*) from care_plan_version")).isPositive();
			// the outcome measures' read model, as its listeners would have written it, and its backfill marked done
			assertThat(count(caremap, "select count(*) from quality_case")).isEqualTo(count(caremap, "select count(*) from care_case"));
			assertThat(count(caremap, "select count(*) from quality_case_closure"))
				.isEqualTo(count(caremap, "select count(*) from care_case where closed_on is not null")).isPositive();
			assertThat(count(caremap, "select count(*) from quality_stay where kind = 'INPATIENT'"))
				.isEqualTo(count(caremap, "select count(*) from encounter where patient_class = 'I' and status <> 'CANCELLED'"));
			assertThat(count(caremap, "select count(*) from quality_contact")).isEqualTo(count(caremap, "select count(*) from contact"));
			assertThat(count(caremap, "select count(*) from quality_contact where reached")).isPositive();
			assertThat(count(caremap, "select count(*) from quality_referral")).isEqualTo(count(caremap, "select count(*) from referral"));
			assertThat(count(caremap, "select count(*) from quality_backfill")).isEqualTo(1);
			// the outreach registries' read model, as its listeners would have written it
			assertThat(count(caremap, "select count(*) from outreach_patient")).isEqualTo(2000);
			assertThat(count(caremap, "select count(*) from outreach_patient where has_pcp")).isEqualTo(
					count(caremap, "select count(distinct patient_id) from patient_provider where role = 'PRIMARY_CARE' and not voided"));
			assertThat(count(caremap, "select count(*) from outreach_condition")).isEqualTo(count(caremap, "select count(*) from patient_condition"));
			assertThat(count(caremap, "select count(*) from outreach_case where closed_on is null"))
				.isEqualTo(count(caremap, "select count(*) from care_case where closed_on is null"));
			assertThat(count(caremap, "select count(*) from outreach_contact")).isEqualTo(count(caremap, "select count(*) from contact"));
			assertThat(count(caremap, "select count(*) from outreach_referral where open"))
				.isEqualTo(count(caremap, "select count(*) from referral where status in ('RECEIVED', 'SCREENING')")).isPositive();
			// the worklist's read model (My day), as the task module's listeners would have written it
			assertThat(count(caremap, "select count(*) from task_worklist_patient")).isEqualTo(2000);
			assertThat(count(caremap, "select count(*) from task_worklist_case")).isEqualTo(count(caremap, "select count(*) from care_case"));
			assertThat(count(caremap, """
					select count(*) from task t where t.status in ('READY', 'IN_PROGRESS', 'ON_HOLD')
					  and not exists (select 1 from task_worklist_patient w where w.patient_id = t.patient_id)""")).isZero();
			// work more than a day late was escalated already, as a running system would have done
			assertThat(count(caremap, """
					select count(*) from task where escalated_at is null and status in ('READY', 'IN_PROGRESS', 'ON_HOLD')
					  and due_at < now() - interval '2 days'""")).isZero();
			// every open case's manager may read the patient
			assertThat(count(caremap, """
					select count(*) from care_case c where c.status <> 'CLOSED' and not exists (select 1 from care_relationship r
					  where r.patient_id = c.patient_id and r.user_id = c.case_manager_id and r.valid_to is null)""")).isZero();
			// the indexes and foreign keys set aside during the load are back, and the audit trail is sealed
			assertThat(caremap.query("select indexname from pg_indexes where schemaname = 'caremap'"))
				.contains("patient_name_trgm_idx", "task_owner_open_idx", "care_case_open_idx", "audit_event_patient_idx");
			assertThat(caremap.query("select conname from pg_constraint where contype = 'f'"))
				.contains("patient_identifier_patient_id_fkey", "task_step_task_id_fkey");
			assertThat(Files.exists(caremap.appHome().resolve("population-indexes.sql"))).isFalse();
			assertThat(count(caremap, "select count(*) from audit_pending")).isZero();
			assertThat(count(caremap, "select count(*) from audit_chain")).isEqualTo(count(caremap, "select count(*) from audit_event"));
			Map.Entry<Integer, String> verified = caremap.command("audit-verify");
			assertThat(verified.getKey()).as(verified.getValue()).isZero();
			assertThat(verified.getValue()).contains("Audit trail intact");

			Map.Entry<Integer, String> again = caremap.command("populate", "2k", "--seed=7");
			assertThat(again.getKey()).isEqualTo(1);
			assertThat(again.getValue()).contains("already holds data");
			assertThat(count(caremap, "select count(*) from patient")).isEqualTo(2000);
			digest = digest(caremap);

			caremap.startApp();
			caremap.awaitReady();
			Properties logins = new Properties();
			try (var in = Files.newInputStream(caremap.appHome().resolve("demo-logins.properties"))) {
				logins.load(in);
			}
			Properties shared = new Properties();
			try (var in = Files.newInputStream(caremap.appHome().resolve("population-logins.properties"))) {
				shared.load(in);
			}
			Browserless dana = new Browserless("http://localhost:" + caremap.httpPort());
			assertThat(dana.login("casemanager", logins.getProperty("casemanager")).statusCode()).isEqualTo(302);
			assertThat(dana.get("/myday").body()).contains("id=\"worklist\"", "task-");
			String patient = caremap.query("""
					select c.patient_id from care_case c join user_account u on u.id = c.case_manager_id
					where u.username = 'casemanager' and c.status = 'ACTIVE' limit 1""").get(0);
			assertThat(dana.get("/patients/" + patient).statusCode()).isEqualTo(200);
			Browserless other = new Browserless("http://localhost:" + caremap.httpPort());
			assertThat(Browserless.location(other.login("cm00003", shared.getProperty("password")))).doesNotContain("error");
			assertThat(other.get("/myday").statusCode()).isEqualTo(200);
		}
		try (CaremapProcess twin = new CaremapProcess(Path.of("target", "it-population-twin"))) {
			assertThat(twin.command("populate", "2k", "--seed=7").getKey()).isZero();
			assertThat(digest(twin)).as("the same seed gives the same population").isEqualTo(digest);
		}
	}

	private static long count(CaremapProcess caremap, String sql) throws Exception {
		return Long.parseLong(caremap.query(sql).get(0));
	}

	private static String digest(CaremapProcess caremap) throws Exception {
		List<String> rows = caremap.query("""
				select md5(string_agg(id || family_name || given_name || birth_date || coalesce(phone, ''), ',' order by id))
				    || md5((select string_agg(id || status || coalesce(due_at::text, ''), ',' order by id) from task))
				from patient""");
		return rows.get(0);
	}
}
