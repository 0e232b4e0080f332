package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad filter input on the audit trail's page is a form error with status 400, never a server error. */
class AuditTrailFilterIT extends IntegrationTest {

	@Autowired DemoLogins demo;

	@Test
	void badFilterInputShowsFieldErrorsNotAServerError() {
		Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());

		HttpResponse<String> ok = admin.get("/admin/audit?outcome=denied&from=2026-01-01&to=2026-12-31&user=adm");
		assertThat(ok.statusCode()).isEqualTo(200);

		HttpResponse<String> bad = admin.get("/admin/audit?from=31%2F12%2F2026&outcome=MAYBE&patient=not-an-id");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("id=\"filter-from-error\"").contains("Enter a date as year-month-day")
			.contains("id=\"filter-outcome-error\"").contains("Choose an outcome from the list")
			.contains("id=\"filter-patient-error\"")
			// what was typed stays in the form
			.contains("value=\"31/12/2026\"");

		HttpResponse<String> reversed = admin.get("/admin/audit?from=2026-02-01&to=2026-01-01");
		assertThat(reversed.statusCode()).isEqualTo(400);
		assertThat(reversed.body()).contains("The end date is before the start date");

		HttpResponse<String> page = admin.get("/admin/audit?before=x1");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("id=\"page-error\"");

		HttpResponse<String> action = admin.get("/admin/audit?action=%3Cscript%3E");
		assertThat(action.statusCode()).isEqualTo(400);
		assertThat(action.body()).contains("id=\"filter-action-error\"");
	}
}
