package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A CSV of pharmacy fills uploaded on the adherence page: a file with bad rows is refused whole (each bad row and
 * column named on the page, nothing written, even the good rows); a good file records its fills, once.
 */
class FillsCsvIT extends IntegrationTest {

	@Autowired JdbcClient jdbc;
	@Autowired DemoLogins demo;

	private UUID patientOf(String username) {
		return jdbc.sql("""
				select p.id from patient p
				join care_relationship r on r.patient_id = p.id and r.valid_to is null
				join user_account u on u.id = r.user_id and u.username = ?
				order by p.id desc limit 1""").param(username).query(UUID.class).single();
	}

	private long fills(UUID patient) {
		return jdbc.sql("select count(*) from medication_fill where patient_id = ?").param(patient).query(Long.class).single();
	}

	private static byte[] multipart(String boundary, String csv) {
		String body = "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"fills.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> upload(Browserless browser, UUID patient, String csv) {
		String boundary = "caremap" + UUID.randomUUID().toString().replace("-", "");
		return browser.postBody("/patients/" + patient + "/medications/fills", "multipart/form-data; boundary=" + boundary,
				multipart(boundary, csv));
	}

	@Test
	void badRowsRefuseTheWholeFileAndAGoodFileIsRecordedOnce() {
		UUID patient = patientOf("casemanager");
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(browser.get("/patients/" + patient + "/medications/adherence").statusCode()).isEqualTo(200);
		long before = fills(patient);
		LocalDate day = Today.date().minusDays(40);

		String bad = "filled_on,drug,rxnorm,days_supply,quantity,pharmacy\n"
				+ day + ",Lisinopril 10 MG Oral Tablet,314076,30,30,Lakeshore Drug\n" // a good row
				+ "31/02/2026,Metformin 500 mg,,30,60,\n" // not a date
				+ day + ",,,30,,\n" // no drug
				+ day + ",Atorvastatin 20 mg,abc,400,-1,\n"; // rxnorm, days supply and quantity all wrong
		HttpResponse<String> refused = upload(browser, patient, bad);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"csv-problems\"").contains("Nothing was imported")
			.contains("Row 2, column filled_on: not a date").contains("Row 3, column drug")
			.contains("Row 4, column rxnorm").contains("Row 4, column days_supply").contains("Row 4, column quantity")
			.doesNotContain("Row 1,");
		assertThat(fills(patient)).as("nothing half-written").isEqualTo(before);

		HttpResponse<String> noHeader = upload(browser, patient, "when,what\n2026-01-01,aspirin\n");
		assertThat(noHeader.statusCode()).isEqualTo(200);
		assertThat(noHeader.body()).contains("A column is missing from the header");
		assertThat(fills(patient)).isEqualTo(before);

		HttpResponse<String> noFile = browser.post("/patients/" + patient + "/medications/fills", Map.of());
		assertThat(noFile.statusCode()).isEqualTo(200);
		assertThat(noFile.body()).contains("Choose a CSV file.");

		String good = "filled_on,drug,rxnorm,days_supply,quantity,pharmacy\r\n"
				+ day + ",\"Lisinopril 10 MG Oral Tablet\",314076,30,30,\"Lakeshore Drug, Main St\"\r\n"
				+ day.plusDays(28) + ",Lisinopril 10 MG Oral Tablet,314076,30,30,Lakeshore Drug\r\n";
		HttpResponse<String> accepted = upload(browser, patient, good);
		assertThat(accepted.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(accepted)).endsWith("/medications/adherence");
		assertThat(fills(patient)).isEqualTo(before + 2);
		assertThat(jdbc.sql("select pharmacy from medication_fill where patient_id = ? and filled_on = ? and rxnorm_code = '314076'")
			.params(patient, day).query(String.class).list()).contains("Lakeshore Drug, Main St");
		upload(browser, patient, good);
		assertThat(fills(patient)).as("the same fills again are found, not added").isEqualTo(before + 2);
	}
}
