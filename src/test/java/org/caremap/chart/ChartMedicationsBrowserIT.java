package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chart summary in a real browser shows the medications and allergies an EHR sent for the patient: the case
 * manager opens one of her patients from her caseload and reads the panel.
 */
class ChartMedicationsBrowserIT extends BrowserTest {

	@Autowired JdbcClient jdbc;

	@Test
	void theCaseManagerSeesHerPatientsMedicationsAndAllergies() throws Exception {
		Map<String, Object> patient = jdbc.sql("""
				select p.id::text id, p.family_name, m.display medication, a.display allergy
				from patient p
				join care_relationship r on r.patient_id = p.id and r.valid_to is null
				join user_account u on u.id = r.user_id and u.username = 'casemanager'
				join medication_statement m on m.patient_id = p.id and m.status = 'active'
				join allergy_intolerance a on a.patient_id = p.id
				order by p.family_name limit 1""").query().singleRow();
		driver = Chrome.start(1366, 1100);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.get("id")));
		String panel = driver.findElement(By.id("summary-medications")).getText();
		assertThat(panel).contains("Medications and allergies").contains((String) patient.get("medication"))
			.contains((String) patient.get("allergy"));
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('summary-medications').scrollIntoView()");
		Chrome.shot(driver, "chart-medications");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
