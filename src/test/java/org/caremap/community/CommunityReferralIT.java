package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.support.Today;
import org.caremap.caseload.Cases;
import org.caremap.community.internal.ReferralClocks;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.timeline.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A referral's closed loop without a browser: a Part 2 patient's referral is refused without the 42 CFR 2.31 consent
 * and sent with it; the organisation's link (read from the e-mail in the outbox) shows only what was consented, reaches
 * nothing else, is audited with the organisation as actor, stops working when replaced or expired; "service delivered"
 * meets the need, tells the case manager and lands on the timeline; an organisation that does not answer in its
 * business days makes one follow-up task, whatever the number of clock passes.
 */
class CommunityReferralIT extends IntegrationTest {

	private static final Pattern LINK = Pattern.compile("/community/answer/([A-Za-z0-9_-]{20,})");

	@Autowired CommunityReferrals referrals;
	@Autowired OrganizationLinks links;
	@Autowired ReferralClocks.Pass clock;
	@Autowired Timeline timeline;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	Actors actors;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
	}

	private String tokenFor(String email) {
		String body = Eventually.value("the organisation's e-mail", () -> jdbc.sql(
				"select body from email_outbox where recipient = ? order by created_at desc limit 1").param(email)
			.query(String.class).optional().orElse(null), b -> b != null);
		Matcher m = LINK.matcher(body);
		assertThat(m.find()).as("the e-mail holds the link: " + body).isTrue();
		return m.group(1);
	}

	private String email() {
		return "referrals-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	@Test
	void aPartTwoPatientsReferralNeedsTheConsentNamingTheOrganisation() {
		CommunityFixtures.Patient p = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Partwo", "Recovery support");
		UUID service = CommunityFixtures.service(jdbc, "Eastside Pantry", email());
		assertThat(actors.as("casemanager", () -> referrals.needsPart2Consent(p.id()))).isTrue();
		assertThatThrownBy(() -> actors.run("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, null))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("community.part2-consent"));
		LocalDate today = LocalDate.now(organizations.primary().orElseThrow().zone()); // the consent is dated in the organisation's zone
		var other = new NewCommunityReferral.Part2Consent("Westside Shelter", "Food assistance", "Name and contact only",
				today.plusMonths(6), today);
		assertThatThrownBy(() -> actors.run("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, other))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("community.part2-recipient-other"));
		var unsigned = new NewCommunityReferral.Part2Consent("Eastside Pantry", "Food assistance", "Name and contact only",
				today.plusMonths(6), null);
		assertThatThrownBy(() -> actors.run("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, unsigned))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("community.part2-signed"));
		assertThat(jdbc.sql("select count(*) from community_referral where patient_id = ?").param(p.id().value())
			.query(Integer.class).single()).isZero();
		var consent = new NewCommunityReferral.Part2Consent("Eastside Pantry", "Food assistance", "Name and contact only",
				today.plusMonths(6), today);
		UUID sent = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, consent)));
		assertThat(actors.as("casemanager", () -> referrals.find(sent).orElseThrow().part2().recipient())).isEqualTo("Eastside Pantry");
		// the organisation's page carries the statutory notice
		String token = tokenFor(jdbc.sql("select referral_email from community_referral where id = ?").param(sent).query(String.class).single());
		HttpResponse<String> page = client().get("/community/answer/" + token);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("42 CFR part 2 prohibits unauthorized use or disclosure of these records.");
		// the consent ends: the link shows nothing more and no new link is made under it
		jdbc.sql("update community_referral set part2_expires_on = ? where id = ?").params(Today.date().minusDays(1), sent).update();
		HttpResponse<String> ended = client().get("/community/answer/" + token);
		assertThat(ended.statusCode()).isEqualTo(410);
		assertThat(ended.body()).doesNotContain("Partwo");
		assertThatThrownBy(() -> actors.run("casemanager", () -> referrals.resendLink(sent)))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("community.part2-ended"));
	}

	@Test
	void aWithdrawnReferralsLinkShowsNothingMore() {
		CommunityFixtures.Patient p = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Withdrawn", "Complex care");
		String email = email();
		UUID service = CommunityFixtures.service(jdbc, "Northside Pantry", email);
		UUID id = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, null)));
		String token = tokenFor(email);
		assertThat(client().get("/community/answer/" + token).body()).contains("Withdrawn");
		int version = actors.as("casemanager", () -> referrals.find(id).orElseThrow().version());
		actors.run("casemanager", () -> referrals.act(id, ReferralStatus.Action.CANCEL, "Sent to the wrong pantry", null, null, version));
		HttpResponse<String> after = client().get("/community/answer/" + token);
		assertThat(after.statusCode()).isEqualTo(410);
		assertThat(after.body()).doesNotContain("Withdrawn");
	}

	@Test
	void theOrganisationsLinkShowsOnlyWhatWasConsentedReachesNothingElseAndIsAudited() {
		CommunityFixtures.Patient p = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Linkwalk", "Complex care");
		String email = email();
		UUID service = CommunityFixtures.service(jdbc, "Northside Pantry", email);
		UUID id = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, null)));
		String token = tokenFor(email);
		assertThat(jdbc.sql("select link_hash from community_referral where id = ?").param(id).query(String.class).single())
			.as("only the hash is kept").isNotEqualTo(token).hasSize(64);

		Browserless org = client();
		HttpResponse<String> page = org.get("/community/answer/" + token);
		assertThat(page.statusCode()).isEqualTo(200);
		String body = page.body();
		assertThat(body).contains("Rosa Linkwalk").contains("(614) 555-0142").contains("Food boxes for a family of four")
			.contains("Food insecurity").contains("Spanish");
		// not consented: date of birth and insurance; never the record number or the address
		assertThat(body).doesNotContain("1962").doesNotContain("Buckeye Medicaid").doesNotContain("12 Elm St")
			.doesNotContain("Type 2 diabetes");
		assertThat(jdbc.sql("select status from community_referral where id = ?").param(id).query(String.class).single())
			.as("the first view receives it").isEqualTo("RECEIVED");
		assertThat(jdbc.sql("""
				select count(*) from audit_event where resource_id = ? and action = 'READ' and outcome = 'SUCCESS'
				  and actor like 'organization:%'""").param(id.toString()).query(Integer.class).single()).isPositive();

		// nothing else is reachable with the token: another referral, the chart, other pages
		CommunityFixtures.Patient other = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Otherwalk", "Complex care");
		UUID otherId = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(other, service, null)));
		for (String path : new String[] { "/community/answer/" + otherId, "/patients/" + p.id().value(),
				"/patients/" + p.id().value() + "/community/referrals/" + id, "/community/referrals/mine",
				"/community/answer/" + token + "/../../patients/" + p.id().value(), "/community/answer/" + token.substring(1) }) {
			HttpResponse<String> r = org.get(path);
			assertThat(r.statusCode()).as(path).isIn(302, 400, 401, 403, 404);
			assertThat(r.body()).as(path).doesNotContain("Rosa").doesNotContain("Otherwalk");
		}

		// the organisation accepts and closes it as delivered
		org.get("/community/answer/" + token);
		assertThat(Browserless.location(org.post("/community/answer/" + token, Map.of("answer", "ACCEPT")))).endsWith(token);
		org.get("/community/answer/" + token);
		org.post("/community/answer/" + token, Map.of("answer", "COMPLETE", "outcome", "SERVICE_DELIVERED", "note", "Two boxes picked up"));
		assertThat(jdbc.sql("select status || ' ' || outcome from community_referral where id = ?").param(id).query(String.class).single())
			.isEqualTo("COMPLETED SERVICE_DELIVERED");
		assertThat(jdbc.sql("""
				select count(*) from audit_event where resource_id = ? and action = 'UPDATE' and actor like 'organization:%'""")
			.param(id.toString()).query(Integer.class).single()).isEqualTo(2);

		// the listeners: the need is met, the case manager is told, the timeline shows it
		Eventually.until("the need is met", () -> "RESOLVED".equals(jdbc.sql("select status from social_need where id = ?")
			.param(p.need()).query(String.class).single()));
		UUID manager = accounts.findByUsername("casemanager").orElseThrow().id().value();
		Eventually.until("the case manager is told", () -> jdbc.sql("""
				select count(*) from notification where recipient_id = ? and patient_id = ? and category = 'community-referral'
				  and title like '%Service delivered%'""").params(manager, p.id().value()).query(Integer.class).single() == 1);
		assertThat(actors.as("casemanager", () -> timeline.of(p.id())).stream()
			.filter(e -> e.kind().equals("community-referral")).map(e -> e.summary()))
			.anyMatch(s -> s.contains("Northside Pantry") && s.contains("Service delivered"));

		// the patient's copy, in English and Spanish, as a PDF
		for (String lang : new String[] { "en", "es" }) {
			byte[] pdf = actors.as("casemanager", () -> referrals.patientCopy(id, lang));
			assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).as(lang).isEqualTo("%PDF-");
			assertThat(pdf.length).as(lang).isGreaterThan(1000);
		}
		// the supervisors' report counts it as sent, closed and delivered
		var report = actors.as("supervisor", () -> referrals.report(Today.date().minusDays(1), Today.date().plusDays(1)));
		assertThat(report.byOrganization()).anyMatch(l -> l.label().equals("Northside Pantry") && l.delivered() >= 1 && l.closed() >= 1);
		assertThat(report.byNeed()).anyMatch(l -> l.label().equals("food-insecurity") && l.sent() >= 1);

		// a closed referral offers no more answers, and the link cannot move it again
		assertThat(org.get("/community/answer/" + token).body()).contains("id=\"answer-done\"");
		assertThatThrownBy(() -> links.answer(token, ReferralStatus.Action.ACCEPT, null, null, null))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("community.illegal-transition"));
	}

	@Test
	void aReplacedOrExpiredLinkReachesNothingAndTheAttemptIsAudited() {
		CommunityFixtures.Patient p = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Expirewalk", "Complex care");
		String email = email();
		UUID service = CommunityFixtures.service(jdbc, "Southside Pantry", email);
		UUID id = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, null)));
		String first = tokenFor(email);
		actors.run("casemanager", () -> referrals.resendLink(id));
		String second = Eventually.value("the new link", () -> tokenFor(email), t -> !t.equals(first));
		assertThat(client().get("/community/answer/" + first).statusCode()).as("replaced").isEqualTo(404);
		assertThat(client().get("/community/answer/" + second).statusCode()).isEqualTo(200);
		// the clock passes the link's end
		jdbc.sql("update community_referral set link_expires_at = now() - interval '1 minute' where id = ?").param(id).update();
		HttpResponse<String> expired = client().get("/community/answer/" + second);
		assertThat(expired.statusCode()).isEqualTo(410);
		assertThat(expired.body()).contains("This link has expired").doesNotContain("Expirewalk");
		Browserless late = client();
		late.get("/login");
		assertThat(late.post("/community/answer/" + second, Map.of("answer", "ACCEPT")).statusCode()).isEqualTo(410);
		assertThat(jdbc.sql("select status from community_referral where id = ?").param(id).query(String.class).single()).isEqualTo("RECEIVED");
		assertThat(jdbc.sql("""
				select count(*) from audit_event where resource_id = ? and outcome = 'DENIED' and detail = 'link expired'""")
			.param(id.toString()).query(Integer.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("""
				select count(*) from audit_event where actor = 'community-link' and outcome = 'DENIED' and occurred_at > now() - interval '5 minutes'""")
			.query(Integer.class).single()).isPositive();
	}

	@Test
	void noAnswerInTheBusinessDaysMakesOneFollowUpTask() {
		CommunityFixtures.Patient p = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Silentwalk", "Complex care");
		UUID service = CommunityFixtures.service(jdbc, "Quiet Pantry", email());
		UUID id = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, null)));
		Instant due = jdbc.sql("select answer_due_at from community_referral where id = ?").param(id)
			.query(java.time.OffsetDateTime.class).single().toInstant();
		// five business days: more than four calendar days, whatever the weekday
		assertThat(Duration.between(Instant.now(), due)).isGreaterThan(Duration.ofDays(4));
		assertThat(clock.run(due.minusSeconds(60))).as("not yet").isZero();
		assertThat(jdbc.sql("select unanswered_at is null from community_referral where id = ?").param(id).query(Boolean.class).single())
			.isTrue();
		assertThat(clock.run(due.plusSeconds(60))).isPositive();
		clock.run(due.plus(Duration.ofDays(3)));
		String source = "community-referral:" + id;
		Eventually.until("the follow-up task", () -> jdbc.sql("select count(*) from task where source = ?").param(source)
			.query(Integer.class).single() == 1);
		assertThat(jdbc.sql("select type || ' ' || status from task where source = ?").param(source).query(String.class).single())
			.startsWith("COMMUNITY_REFERRAL_FOLLOW_UP ");
		// the organisation's answer, recorded by phone, completes it
		int version = jdbc.sql("select version from community_referral where id = ?").param(id).query(Integer.class).single();
		actors.run("casemanager", () -> referrals.act(id, ReferralStatus.Action.ACCEPT, null, null, "Called them", version));
		Eventually.until("the task is done", () -> "COMPLETED".equals(jdbc.sql("select status from task where source = ?")
			.param(source).query(String.class).single()));
		assertThat(jdbc.sql("select count(*) from task where source = ?").param(source).query(Integer.class).single()).isEqualTo(1);
	}
}
