package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Part2Fixtures;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.WithheldRecord;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The care team and 42 CFR Part 2: a member who signs in, on the team of a case in a Part 2 program, cares for the
 * patient within it (the team's answer to the access module); the team of such a case, its message threads and its
 * discussion in case conferences are withheld from readers outside the program (pages, timeline).
 */
class Part2TeamIT extends IntegrationTest {

	private static final String WITHHELD_ONE = "1 record from a confidential substance-use program is withheld from you";

	@Autowired Cases cases;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Members members;
	@Autowired Messages messages;
	@Autowired Conferences conferences;
	@Autowired Segmentation segmentation;

	Actors actors;
	Part2Fixtures fixtures;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		fixtures = new Part2Fixtures(actors, cases, patients, programs, organizations, accounts);
	}

	@Test
	void aMemberWhoSignsInOnThePart2CasesTeamIsInsideTheProgram() {
		var p = fixtures.enrolled("TeamInside");
		assertThat(actors.as("careteam", () -> segmentation.part2(p.patient()).reach())).isEqualTo(Part2Segment.Reach.WITHHELD);
		// on the standard case's team: still outside
		actors.run(Part2Fixtures.OUTSIDE, () -> members.add(p.patient(), member(p.standardCase())));
		assertThat(actors.as("careteam", () -> segmentation.part2(p.patient()).reach())).isEqualTo(Part2Segment.Reach.WITHHELD);
		actors.run(Part2Fixtures.INSIDE, () -> members.add(p.patient(), member(p.part2Case())));
		assertThat(actors.as("careteam", () -> segmentation.part2(p.patient()).reach())).isEqualTo(Part2Segment.Reach.INSIDE);
		// the case manager of the other program may not add to the Part 2 case's team
		assertThatThrownBy(() -> actors.run(Part2Fixtures.OUTSIDE, () -> members.add(p.patient(), member(p.part2Case()))))
			.isInstanceOf(WithheldRecord.class);

		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		String page = marcus.get("/patients/" + p.patient() + "/team").body();
		assertThat(page).contains("Complex care", WITHHELD_ONE).doesNotContain("Recovery support");
		assertThat(staffClient(Part2Fixtures.INSIDE).get("/patients/" + p.patient() + "/team").body())
			.contains("Recovery support", "Complex care").doesNotContain(WITHHELD_ONE);
	}

	@Test
	void threadsAndConferencesOfThePart2CaseAreWithheldFromReadersOutside() {
		var p = fixtures.enrolled("TeamTalk");
		UUID secret = actors.as(Part2Fixtures.INSIDE, () -> messages.start(p.patient(), p.part2Case(), "recovery-thread-subject",
				new Messages.NewMessage("about the relapse plan", false, null)));
		UUID open = actors.as(Part2Fixtures.OUTSIDE, () -> messages.start(p.patient(), p.standardCase(), "complex-thread-subject",
				new Messages.NewMessage("about the heart clinic", false, null)));
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		Instant at = Instant.now().plus(2, ChronoUnit.DAYS);
		UUID recovery = actors.as("supervisor", () -> conferences.plan(new NewConference("Recovery review " + suffix, at,
				List.of(), List.of(), List.of(p.part2Case()))));
		UUID complex = actors.as("supervisor", () -> conferences.plan(new NewConference("Complex review " + suffix, at,
				List.of(), List.of(), List.of(p.standardCase()))));

		// the supervisor of every demo program sees both, in the threads, the conferences and the timeline
		Browserless priya = staffClient("supervisor");
		assertThat(priya.get("/patients/" + p.patient() + "/messages").body())
			.contains("recovery-thread-subject", "complex-thread-subject");
		assertThat(priya.get("/patients/" + p.patient() + "/timeline").body())
			.contains("Recovery review " + suffix, "Complex review " + suffix);

		// the case manager of the other program: his case's thread, and the conferences without the Part 2 case
		actors.run(Part2Fixtures.OUTSIDE, () -> {
			assertThat(messages.ofPatient(p.patient())).extracting(ThreadSummary::id).containsExactly(open);
			assertThatThrownBy(() -> messages.open(p.patient(), secret)).isInstanceOf(WithheldRecord.class);
			var view = conferences.find(recovery).orElseThrow();
			assertThat(view.items()).isEmpty();
			assertThat(conferences.find(complex).orElseThrow().items()).extracting(ConferenceView.Item::caseId)
				.containsExactly(p.standardCase());
		});
		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		assertThat(marcus.get("/patients/" + p.patient() + "/messages").body())
			.contains("complex-thread-subject", WITHHELD_ONE).doesNotContain("recovery-thread-subject", "Recovery support");
		assertThat(priya.get("/patients/" + p.patient() + "/messages").body()).doesNotContain(WITHHELD_ONE);
		assertThat(marcus.get("/patients/" + p.patient() + "/messages/" + secret).statusCode()).isEqualTo(403);
		String timeline = marcus.get("/patients/" + p.patient() + "/timeline").body();
		assertThat(timeline).contains("Complex review " + suffix).doesNotContain("Recovery review " + suffix);
		assertThat(marcus.get("/team/conferences/" + recovery).body()).doesNotContain(p.patient().toString());

		actors.run(Part2Fixtures.INSIDE, () -> assertThat(conferences.find(recovery).orElseThrow().items())
			.extracting(ConferenceView.Item::caseId).containsExactly(p.part2Case()));
	}

	private NewMember member(org.caremap.caseload.CaseId caseId) {
		return new NewMember(caseId, MemberKind.PRIMARY_CARE_PHYSICIAN, "Dr. Samuel Okafor", "Primary care physician", null,
				"(614) 555-0142", null, ContactWay.PHONE, null, accounts.findByUsername("careteam").orElseThrow().id(),
				Today.date(), null);
	}
}
