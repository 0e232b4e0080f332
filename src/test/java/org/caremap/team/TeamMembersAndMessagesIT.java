package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.SystemActor;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The care team and its secure messages over real HTTP: members from outside added with field errors first, a thread
 * with an urgent message and an attachment (a file of the wrong kind refused), who it went to and who read it, the bell
 * and the e-mail to the outside member (no patient details), and who sees a thread: the case team, the supervisor, a
 * reader who broke the glass, not a case manager of other patients nor an intake coordinator who reads the record.
 */
class TeamMembersAndMessagesIT extends IntegrationTest {

	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired DemoLogins demo;
	@Autowired CareRelationships relationships;

	private Browserless signedIn(String username) {
		Browserless b = client();
		HttpResponse<String> login = b.login(username, demo.password(username).orElseThrow());
		assertThat(Browserless.location(login)).as(username + " signs in").doesNotContain("error");
		return b;
	}

	private static byte[] multipart(String boundary, Map<String, String> fields, String filename, String type, byte[] file) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Map.Entry<String, String> e : fields.entrySet()) {
			out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue()
					+ "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"" + filename
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(file);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private long denials(String actor) {
		return jdbc.sql("select count(*) from audit_event where actor = ? and outcome = 'DENIED'").param(actor).query(Long.class).single();
	}

	@Test
	void membersInsideAndOutsideAndAThreadOnlyTheTeamSupervisorsAndBreakGlassReadersSee() {
		String family = "Teamwalk" + UUID.randomUUID().toString().substring(0, 6);
		TeamFixtures.Case c = TeamFixtures.patientOfDana(programs, patients, organizations, accounts, cases, users, family);
		String p = c.patient().value().toString();
		String password = "outside-" + UUID.randomUUID();
		UserView pharmacist = TeamFixtures.outsideAccount(accounts, "Grace Liu, PharmD", password);

		Browserless dana = signedIn("casemanager");
		HttpResponse<String> page = dana.get("/patients/" + p + "/team");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Dr. Samuel Okafor").contains("Dana Whitfield").contains("id=\"member-form\"");

		// field errors: no kind, no name, a preferred phone call without a phone, a bad e-mail; what was typed is kept
		HttpResponse<String> wrong = dana.post("/patients/" + p + "/team/members", Map.of("role", "Pharmacist", "email", "not-an-address",
				"preferred", "PHONE", "organization", "Riverside Community Pharmacy"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("id=\"kind-error\"").contains("Choose the kind of member.")
			.contains("Give the member&#39;s name").contains("Give a phone number to call or text.")
			.contains("Enter a valid e-mail address.").contains("value=\"Riverside Community Pharmacy\"");
		assertThat(jdbc.sql("select count(*) from care_team_member where patient_id = ?").param(c.patient().value()).query(Long.class).single()).isZero();

		// a pharmacist who signs in to Caremap, and a family caregiver who does not
		HttpResponse<String> added = dana.post("/patients/" + p + "/team/members", Map.of("kind", "PHARMACIST", "name", "Grace Liu",
				"organization", "Riverside Community Pharmacy", "phone", "(614) 555-0140", "email", "grace@pharmacy.example",
				"preferred", "EMAIL", "account", pharmacist.id().toString(), "from", Today.date().toString()));
		assertThat(Browserless.location(added)).endsWith("/patients/" + p + "/team");
		dana.post("/patients/" + p + "/team/members", Map.of("kind", "FAMILY_CAREGIVER", "name", "Ana Teamwalk", "role", "Daughter",
				"phone", "(614) 555-0199", "preferred", "TEXT"));
		page = dana.get("/patients/" + p + "/team");
		assertThat(page.body()).contains("Grace Liu").contains("Riverside Community Pharmacy").contains("Ana Teamwalk").contains("Daughter")
			.contains("Signs in to Caremap").contains("Prefers: Text message");
		UUID graceMember = jdbc.sql("select id from care_team_member where patient_id = ? and kind = 'PHARMACIST'").param(c.patient().value())
			.query(UUID.class).single();
		assertThat(jdbc.sql("""
				select count(*) from care_relationship where user_id = ? and patient_id = ? and kind = 'CARE_TEAM' and valid_to is null""")
			.params(pharmacist.id().value(), c.patient().value()).query(Long.class).single()).isOne();

		// a thread with an urgent message and a PDF; a program file is refused as an attachment
		dana.get("/patients/" + p + "/messages");
		String boundary = "----team" + UUID.randomUUID();
		HttpResponse<String> refused = dana.postBody("/patients/" + p + "/messages", "multipart/form-data; boundary=" + boundary,
				multipart(boundary, Map.of("title", "Refill", "text", "See the file"), "tool.exe",
						"application/pdf", new byte[] { 'M', 'Z', 0, 1, 2 }));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Attach a PDF, a PNG or JPEG picture, or a text file.");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("title", "Low blood sugar readings");
		fields.put("text", "Readings under 60 twice today. Please call the daughter before 5 pm.");
		fields.put("urgent", "true");
		HttpResponse<String> started = dana.postBody("/patients/" + p + "/messages", "multipart/form-data; boundary=" + boundary,
				multipart(boundary, fields, "glucose-log.pdf", "application/pdf", "%PDF-1.4\n% glucose log\n".getBytes(StandardCharsets.US_ASCII)));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
		String threadPath = Browserless.location(started).replaceFirst("^https?://[^/]+", "");
		UUID thread = UUID.fromString(threadPath.substring(threadPath.lastIndexOf('/') + 1));
		UUID message = jdbc.sql("select id from message where thread_id = ?").param(thread).query(UUID.class).single();
		UserView okafor = accounts.findByUsername("careteam").orElseThrow();
		List<Map<String, Object>> recipients = jdbc.sql("select user_id, external, read_at from message_recipient where message_id = ? order by external")
			.param(message).query().listOfRows();
		assertThat(recipients).extracting(r -> r.get("user_id")).containsExactly(okafor.id().value(), pharmacist.id().value());
		assertThat(recipients).extracting(r -> r.get("external")).containsExactly(false, true);
		assertThat(jdbc.sql("select content_type from message_attachment where message_id = ?").param(message).query(String.class).single())
			.isEqualTo("application/pdf");

		// the bell: an urgent alert for Dr. Okafor and the pharmacist; an e-mail for the pharmacist with no patient in it
		Eventually.until("the urgent alerts", () -> jdbc.sql("""
				select count(*) from notification where category = 'message-urgent' and link = ? and read_at is null""")
			.param("/team/messages/" + thread).query(Long.class).single() == 2);
		String mail = Eventually.value("the e-mail to the pharmacist", () -> jdbc.sql("select body from email_outbox where recipient = ?")
			.param(pharmacist.email()).query(String.class).optional().orElse(null), java.util.Objects::nonNull);
		assertThat(mail).contains("/team/messages/" + thread).doesNotContain(family).doesNotContain("blood sugar").doesNotContain(p);

		// Dr. Okafor reads it: a receipt with the time, the bell stops counting it, the timeline shows it
		Browserless okaforSession = signedIn("careteam");
		HttpResponse<String> read = okaforSession.get(threadPath);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("Readings under 60 twice today").contains("glucose-log.pdf").contains("cm-urgent");
		assertThat(jdbc.sql("select read_at is not null from message_recipient where message_id = ? and user_id = ?")
			.params(message, okafor.id().value()).query(Boolean.class).single()).isTrue();
		Eventually.until("the thread's alert read", () -> jdbc.sql("""
				select read_at is not null from notification where recipient_id = ? and link = ?""")
			.params(okafor.id().value(), "/team/messages/" + thread).query(Boolean.class).single());
		assertThat(okaforSession.get("/patients/" + p + "/timeline").body()).contains("Urgent secure message").contains("Low blood sugar readings");
		HttpResponse<String> file = okaforSession.get(threadPath + "/attachments/"
				+ jdbc.sql("select id from message_attachment where message_id = ?").param(message).query(UUID.class).single());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).startsWith("%PDF-1.4");
		okaforSession.get(threadPath);
		assertThat(okaforSession.post(threadPath, Map.of("text", "Called her; insulin dose lowered tonight.")).statusCode()).isEqualTo(302);
		assertThat(dana.get(threadPath).body()).contains("Called her; insulin dose lowered tonight.").contains("Read by 1 of 2");

		// the outside pharmacist follows the e-mail's link after signing in
		Browserless grace = client();
		grace.login(pharmacist.username(), password);
		HttpResponse<String> viaMail = grace.get("/team/messages/" + thread);
		assertThat(Browserless.location(viaMail)).endsWith(threadPath);
		assertThat(grace.get(threadPath).body()).contains("Readings under 60 twice today");

		// a case manager of other patients: refused and audited, on the list, the thread and the file
		Browserless marcus = signedIn("casemanager2");
		long before = denials("casemanager2");
		assertThat(marcus.get("/patients/" + p + "/messages").statusCode()).isEqualTo(403);
		assertThat(marcus.get(threadPath).statusCode()).isEqualTo(403);
		assertThat(marcus.get("/team/messages/" + thread).statusCode()).isEqualTo(403);
		assertThat(denials("casemanager2")).isGreaterThan(before);

		// an intake coordinator reads the record but not the team's messages; the timeline leaves them out
		var rosa = accounts.findByUsername("intake").orElseThrow().id();
		SystemActor.run("test", List.of("SYSTEM"), () -> relationships.open(rosa, c.patient(), RelationshipKind.INTAKE, "team-walk"));
		Browserless intake = signedIn("intake");
		assertThat(intake.get("/patients/" + p + "/timeline").body()).contains(family).doesNotContain("Low blood sugar readings");
		assertThat(intake.get(threadPath).statusCode()).isEqualTo(403);

		// the supervisor of the program reads it (not a recipient: no receipt)
		Browserless priya = signedIn("supervisor");
		assertThat(priya.get(threadPath).body()).contains("Readings under 60 twice today");

		// breaking the glass opens the thread to the other case manager
		marcus.get("/patients/" + p);
		marcus.post("/patients/" + p + "/break-glass", Map.of("reason", "Covering the on-call phone tonight", "minutes", "30"));
		assertThat(marcus.get(threadPath).statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager2' and resource_type = 'MessageThread' and outcome = 'SUCCESS'")
			.query(Long.class).single()).isPositive();

		// the pharmacist's time on the team ends: the thread is closed to them
		dana.get("/patients/" + p + "/team");
		assertThat(Browserless.location(dana.post("/patients/" + p + "/team/members/" + graceMember + "/end", Map.of("reason", "Moved away"))))
			.endsWith("/team");
		assertThat(grace.get(threadPath).statusCode()).isEqualTo(403);
		assertThat(dana.get("/patients/" + p + "/team").body()).contains("Earlier members (1)");
	}
}
