package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The patient's own medication list: the printable page and the PDF, in English and in Spanish, with the active list. */
class PatientListIT extends IntegrationTest {

	@Autowired JdbcClient jdbc;
	@Autowired DemoLogins demo;

	@Test
	void thePatientsListPrintsAndDownloadsInEnglishAndSpanish() throws Exception {
		UUID patient = jdbc.sql("""
				select i.patient_id from medication_list_item i
				join care_relationship r on r.patient_id = i.patient_id and r.valid_to is null
				join user_account u on u.id = r.user_id and u.username = 'casemanager'
				where i.status = 'ACTIVE' order by i.patient_id limit 1""").query(UUID.class).single();
		String drug = jdbc.sql("select name from medication_list_item where patient_id = ? and status = 'ACTIVE' order by name limit 1")
			.param(patient).query(String.class).single();
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(browser.get("/patients/" + patient + "/medications/print?lang=es").body()).contains("Mis medicinas")
			.contains("lang=\"es\"").contains(drug);
		assertThat(browser.get("/patients/" + patient + "/medications/print").body()).contains("My medicines").contains(drug);

		String session = browser.cookie("CAREMAP_SESSION").orElseThrow();
		for (String[] lang : new String[][] { { "en", "My medicines", "How much" }, { "es", "Mis medicinas", "Cuánto" } }) {
			HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + port + "/patients/" + patient + "/medications/list.pdf?lang=" + lang[0]))
				.header("Cookie", "CAREMAP_SESSION=" + session).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(pdf.statusCode()).isEqualTo(200);
			assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
			try (PDDocument doc = Loader.loadPDF(pdf.body())) {
				String text = new PDFTextStripper().getText(doc);
				assertThat(text).contains(lang[1]).contains(lang[2]).contains(drug);
			}
		}
	}
}
