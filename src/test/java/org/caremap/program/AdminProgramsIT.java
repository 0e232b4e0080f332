package org.caremap.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator creates and edits a program through the admin pages, over real HTTP: the program is offered
 * where intake chooses one for a referral, under its new name once renamed, and no longer once inactive; bad input
 * is refused field by field and creates nothing; nobody else may administer programs.
 */
class AdminProgramsIT extends IntegrationTest {

	@Autowired
	DemoLogins demo;

	@Autowired
	JdbcClient jdbc;

	private Browserless signedIn(String username) {
		Browserless browser = client();
		browser.login(username, demo.password(username).orElseThrow());
		return browser;
	}

	private static Map<String, String> program(String name, String days, boolean active) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("type", "COMPLEX_CARE");
		form.put("description", "Weekly calls for people leaving a skilled nursing stay.");
		form.put("eligibility", "Discharged from a skilled nursing facility in the last 30 days.");
		form.put("contactEveryDays", days);
		form.put("confidentiality", "STANDARD");
		if (active) form.put("active", "true");
		form.put("_active", "on");
		return form;
	}

	/** The programs offered on the new-referral form (for a patient intake has chosen), by name. */
	private String offered(Browserless intake) {
		String patient = jdbc.sql("select id::text from patient where not voided order by created_at limit 1").query(String.class).single();
		String page = intake.get("/referrals/new?patient=" + patient).body();
		Matcher select = Pattern.compile("(?s)<select[^>]*id=\"programId\".*?</select>").matcher(page);
		assertThat(select.find()).as("the program choice on the referral form").isTrue();
		return select.group();
	}

	@Test
	void aProgramCreatedAndEditedIsOfferedToIntakeUnderItsNewNameUntilInactive() {
		String name = "Test skilled nursing transitions " + UUID.randomUUID().toString().substring(0, 6);
		String renamed = name.replace("Test skilled nursing", "Test post-acute");
		Browserless admin = signedIn("admin");
		Browserless intake = signedIn("intake");
		assertThat(offered(intake)).doesNotContain(name);

		admin.get("/admin/programs/new");
		HttpResponse<String> created = admin.post("/admin/programs/new", program(name, "21", true));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(created)).endsWith("/admin/programs");
		String list = admin.get("/admin/programs").body();
		assertThat(list).contains("The program was saved.").contains(name);
		String id = jdbc.sql("select id::text from program where name = ?").param(name).query(String.class).single();
		assertThat(jdbc.sql("select type || '|' || contact_every_days || '|' || confidentiality || '|' || active from program where id = ?::uuid")
			.param(id).query(String.class).single()).isEqualTo("COMPLEX_CARE|21|STANDARD|true");
		assertThat(offered(intake)).contains(">" + name + "<").contains("value=\"" + id + "\"");

		// renamed and slower: the form shows the program as it was, the change shows where it is chosen
		assertThat(admin.get("/admin/programs/" + id).body()).contains("value=\"" + name + "\"").contains("value=\"21\"");
		HttpResponse<String> edited = admin.post("/admin/programs/" + id, program(renamed, "45", true));
		assertThat(edited.statusCode()).isEqualTo(302);
		assertThat(offered(intake)).contains(">" + renamed + "<").doesNotContain(">" + name + "<");
		assertThat(jdbc.sql("select contact_every_days from program where id = ?::uuid").param(id).query(Integer.class).single()).isEqualTo(45);

		// made inactive: kept, no longer offered
		admin.get("/admin/programs/" + id);
		assertThat(admin.post("/admin/programs/" + id, program(renamed, "45", false)).statusCode()).isEqualTo(302);
		assertThat(offered(intake)).doesNotContain(renamed).doesNotContain(id);
		assertThat(admin.get("/admin/programs").body()).contains(renamed);
		assertThat(jdbc.sql("select count(*) from audit_event where resource_type = 'Program' and resource_id = ? and actor = 'admin'")
			.param(id).query(Long.class).single()).as("created and changed, audited").isGreaterThanOrEqualTo(3);
	}

	@Test
	void badInputIsRefusedFieldByFieldAndCreatesNothing() {
		Browserless admin = signedIn("admin");
		admin.get("/admin/programs/new");
		Map<String, String> blank = program("", "0", true);
		blank.remove("type");
		HttpResponse<String> refused = admin.post("/admin/programs/new", blank);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("is-invalid").contains("This field is required.").contains("The value is too small.");

		String name = "Test refused program " + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> tooSlow = admin.post("/admin/programs/new", program(name, "400", true));
		assertThat(tooSlow.statusCode()).isEqualTo(200);
		assertThat(tooSlow.body()).contains("The value is too large.").as("what was typed is kept").contains("value=\"" + name + "\"");
		HttpResponse<String> notANumber = admin.post("/admin/programs/new", program(name, "weekly", true));
		assertThat(notANumber.statusCode()).isEqualTo(200);
		assertThat(notANumber.body()).contains("is-invalid");
		assertThat(jdbc.sql("select count(*) from program where name = ?").param(name).query(Long.class).single()).isZero();

		// a name another program has is refused on the name
		String taken = jdbc.sql("select name from program where name ~ '^[A-Za-z ]+$' order by name limit 1").query(String.class).single();
		long before = jdbc.sql("select count(*) from program").query(Long.class).single();
		HttpResponse<String> duplicate = admin.post("/admin/programs/new", program(taken, "30", true));
		assertThat(duplicate.statusCode()).isEqualTo(200);
		assertThat(duplicate.body()).contains("A program called " + taken + " already exists.");
		assertThat(jdbc.sql("select count(*) from program").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void onlyAnAdministratorAdministersPrograms() {
		String name = "Test unauthorised program " + UUID.randomUUID().toString().substring(0, 6);
		for (String user : new String[] { "supervisor", "casemanager", "intake" }) {
			Browserless someone = signedIn(user);
			assertThat(someone.get("/admin/programs").statusCode()).as(user).isEqualTo(403);
			someone.get("/");
			assertThat(someone.post("/admin/programs/new", program(name, "30", true)).statusCode()).as(user).isEqualTo(403);
		}
		assertThat(jdbc.sql("select count(*) from program where name = ?").param(name).query(Long.class).single()).isZero();
	}
}
