package org.caremap.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.DisclosureConsents.ConsentView;
import org.caremap.access.DisclosureConsents.NewConsent;
import org.caremap.access.DisclosureConsents.Purpose;
import org.caremap.access.DisclosureConsents.RecipientKind;
import org.caremap.access.Part2Segment.Reach;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The one decision on 42 CFR Part 2 records, with people whose grounds the test knows: the case manager of the
 * patient's case in a Part 2 program is inside; the case manager of the same patient's case in a standard program
 * is outside until the patient's consent names them for treatment (then the notice is owed, and the use is
 * recorded once a day as a disclosure), and again outside once it is revoked; a colleague without any relationship
 * sees them after breaking the glass, with the reason; a system calling the API sees them only under a consent
 * naming it; consents are recorded only by the program's people, and bad ones refused.
 */
class Part2SegmentationIT extends IntegrationTest {

	@Autowired Segmentation segmentation;
	@Autowired DisclosureConsents consents;
	@Autowired BreakGlass breakGlass;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired JdbcClient jdbc;

	Actors actors;
	UserView inside;
	UserView outside;
	UserView stranger;
	PatientId patient;
	CaseId part2Case;
	CaseId standardCase;
	LocalDate today;

	@BeforeEach
	void people() {
		actors = new Actors(users);
		today = organizations.today();
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		inside = user("p2.inside." + suffix, "Ines Inside");
		outside = user("p2.outside." + suffix, "Otto Outside");
		stranger = user("p2.stranger." + suffix, "Stella Stranger");
		ProgramView recovery = program("Recovery " + suffix, Confidentiality.PART2, ProgramType.SUBSTANCE_USE);
		ProgramView complex = program("Complex " + suffix, Confidentiality.STANDARD, ProgramType.COMPLEX_CARE);
		patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Segmented" + suffix);
		part2Case = enrol(recovery, inside);
		standardCase = enrol(complex, outside);
	}

	private UserView user(String username, String name) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username, name, null,
				Set.of(Role.CASE_MANAGER), "p2-" + UUID.randomUUID(), false)));
	}

	private ProgramView program(String name, Confidentiality confidentiality, ProgramType type) {
		return SystemActor.call("test", List.of("ADMIN"), () -> programs.create(organizations.primary().orElseThrow().id(),
				new ProgramDefinition(name, type, "", "", 30, confidentiality, true)));
	}

	private CaseId enrol(ProgramView program, UserView caseManager) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				caseManager.id(), today, new Consent(today, ConsentMethod.VERBAL, "the patient", true, true, true, true),
				Acuity.MODERATE, "Part 2 test")));
	}

	private Part2Segment as(UserView user) {
		return actors.as(user.username(), () -> segmentation.part2(patient));
	}

	private NewConsent consentFor(UserView user, Purpose purpose, LocalDate from, LocalDate until) {
		return new NewConsent(RecipientKind.STAFF, user.id(), null, "", purpose, null, "All records of the recovery program",
				from, until, from.isBefore(today) ? from : today, "the patient");
	}

	@Test
	void theProgramsCaseManagerIsInsideAndTheOtherProgramsIsNot() {
		Part2Segment in = as(inside);
		assertThat(in.reach()).isEqualTo(Reach.INSIDE);
		assertThat(in.cases()).containsExactly(part2Case.value());
		assertThat(in.withholds(part2Case.value())).isFalse();
		assertThat(in.needsNotice()).isFalse();

		Part2Segment out = as(outside);
		assertThat(out.reach()).isEqualTo(Reach.WITHHELD);
		assertThat(out.cases()).containsExactly(part2Case.value());
		assertThat(out.withholds(part2Case.value())).isTrue();
		assertThat(out.withholds(standardCase.value())).isFalse();
		assertThat(out.withholds(null)).isFalse();
		assertThat(out.withholdsLabelled()).isTrue();
		record Row(UUID caseId, String text) {
		}
		var filtered = out.filter(List.of(new Row(part2Case.value(), "recovery note"), new Row(standardCase.value(), "other note"),
				new Row(null, "no case")), Row::caseId);
		assertThat(filtered.shown()).extracting(Row::text).containsExactly("other note", "no case");
		assertThat(filtered.withheld()).isEqualTo(1);

		// the collection form answers the same, with a patient without any Part 2 case beside
		PatientId plain = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Plain" + UUID.randomUUID().toString().substring(0, 6));
		Map<PatientId, Part2Segment> both = actors.as(outside.username(), () -> segmentation.part2(List.of(patient, plain)));
		assertThat(both.get(patient).withholds(part2Case.value())).isTrue();
		assertThat(both.get(plain).cases()).isEmpty();
		// Caremap's own jobs are not readers
		assertThat(SystemActor.call("job", List.of("SYSTEM"), () -> segmentation.part2(patient)).reach()).isEqualTo(Reach.CAREMAP);
	}

	@Test
	void aConsentNamingTheReaderForTreatmentShowsTheRecordsWithTheNoticeUntilItIsRevoked() {
		// a consent for payment, one that ran out, and one not yet in force do not open the records for care
		actors.run(inside.username(), () -> {
			consents.record(patient, consentFor(outside, Purpose.PAYMENT, today.minusDays(1), today.plusYears(1)));
			consents.record(patient, consentFor(outside, Purpose.TREATMENT, today.minusDays(30), today.minusDays(1)));
			consents.record(patient, consentFor(outside, Purpose.TREATMENT, today.plusDays(1), today.plusYears(1)));
		});
		assertThat(as(outside).reach()).isEqualTo(Reach.WITHHELD);

		ConsentView consent = actors.as(inside.username(), () -> consents.record(patient,
				consentFor(outside, Purpose.TREATMENT_PAYMENT_OPERATIONS, today, today.plusYears(1))));
		assertThat(consent.recipientName()).isEqualTo("Otto Outside");
		Part2Segment seen = as(outside);
		assertThat(seen.reach()).isEqualTo(Reach.CONSENT);
		assertThat(seen.consent()).isEqualTo(consent.id());
		assertThat(seen.needsNotice()).isTrue();
		assertThat(seen.withholds(part2Case.value())).isFalse();
		as(outside);
		// seen twice today: one disclosure on the patient's record, under the patient's authorization
		Eventually.until("the use under the consent is recorded as a disclosure", () -> jdbc.sql(
				"select count(*) from disclosure where patient_id = ? and source = 'PART2_CONSENT'").param(patient.value())
			.query(Long.class).single() == 1);
		assertThat(jdbc.sql("select basis || '|' || recipient from disclosure where patient_id = ? and source = 'PART2_CONSENT'")
			.param(patient.value()).query(String.class).single()).isEqualTo("AUTHORIZATION|Otto Outside");

		// the one outside may not revoke it; the program's case manager may, once, with a reason
		assertThatThrownBy(() -> actors.run(outside.username(), () -> consents.revoke(consent.id(), "asked by the patient")))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.run(inside.username(), () -> consents.revoke(consent.id(), " ")))
			.isInstanceOf(DomainException.class).hasMessageContaining("why");
		ConsentView revoked = actors.as(inside.username(), () -> consents.revoke(consent.id(), "The patient withdrew it by phone"));
		assertThat(revoked.revoked()).isTrue();
		assertThat(revoked.revokeReason()).isEqualTo("The patient withdrew it by phone");
		assertThatThrownBy(() -> actors.run(inside.username(), () -> consents.revoke(consent.id(), "again")))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("access.consent-revoked");
		assertThat(as(outside).reach()).isEqualTo(Reach.WITHHELD);
		// the list shows the ones in force first
		assertThat(actors.as(inside.username(), () -> consents.of(patient))).hasSize(4)
			.first().satisfies(c -> assertThat(c.purpose()).isEqualTo(Purpose.PAYMENT));
	}

	@Test
	void onlyTheProgramsPeopleRecordConsentsAndBadOnesAreRefusedWhole() {
		assertThatThrownBy(() -> actors.run(outside.username(), () -> consents.record(patient,
				consentFor(outside, Purpose.TREATMENT, today, today.plusYears(1))))).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.run(stranger.username(), () -> consents.record(patient,
				consentFor(outside, Purpose.TREATMENT, today, today.plusYears(1))))).isInstanceOf(AccessDeniedException.class);
		Map<String, NewConsent> bad = Map.of(
				"access.consent-period-order", consentFor(outside, Purpose.TREATMENT, today, today.minusDays(1)),
				"access.consent-period-long", consentFor(outside, Purpose.TREATMENT, today, today.plusYears(11)),
				"access.consent-purpose-text", new NewConsent(RecipientKind.OUTSIDE, null, null, "County court", Purpose.OTHER, " ",
						"Everything", today, today.plusDays(5), today, "the patient"),
				"access.consent-recipient-name", new NewConsent(RecipientKind.OUTSIDE, null, null, " ", Purpose.TREATMENT, null,
						"Everything", today, today.plusDays(5), today, "the patient"),
				"access.consent-signed-future", new NewConsent(RecipientKind.OUTSIDE, null, null, "Dr. Vega", Purpose.TREATMENT, null,
						"Everything", today.plusDays(2), today.plusDays(5), today.plusDays(1), "the patient"),
				"access.consent-what", new NewConsent(RecipientKind.OUTSIDE, null, null, "Dr. Vega", Purpose.TREATMENT, null,
						"", today, today.plusDays(5), today, "the patient"));
		bad.forEach((code, consent) -> assertThatThrownBy(() -> actors.run(inside.username(), () -> consents.record(patient, consent)))
			.as(code).isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo(code));
		assertThat(jdbc.sql("select count(*) from part2_consent where patient_id = ?").param(patient.value()).query(Long.class).single())
			.isZero();
	}

	@Test
	void breakingTheGlassShowsTheRecordsWithTheReason() {
		assertThat(as(stranger).reach()).isEqualTo(Reach.WITHHELD);
		actors.run(stranger.username(), () -> breakGlass.open(patient, "Unconscious in the emergency department, overdose suspected",
				Duration.ofMinutes(30)));
		Part2Segment glass = as(stranger);
		assertThat(glass.reach()).isEqualTo(Reach.BREAK_GLASS);
		assertThat(glass.reason()).isEqualTo("Unconscious in the emergency department, overdose suspected");
		assertThat(glass.withholds(part2Case.value())).isFalse();
		assertThat(glass.needsNotice()).isFalse();
	}

	@Test
	void aSystemCallingTheApiSeesThemOnlyUnderAConsentNamingIt() {
		String client = "payer-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(SystemActor.call("api:" + client, List.of(), () -> segmentation.part2(patient)).reach()).isEqualTo(Reach.WITHHELD);
		actors.run(inside.username(), () -> consents.record(patient, new NewConsent(RecipientKind.API_CLIENT, null, client,
				"Buckeye Health Plan", Purpose.PAYMENT, null, "Claims-related records", today, today.plusMonths(6), today,
				"the patient")));
		Part2Segment seen = SystemActor.call("api:" + client, List.of(), () -> segmentation.part2(patient));
		assertThat(seen.reach()).isEqualTo(Reach.CONSENT);
		assertThat(seen.needsNotice()).isTrue();
		assertThat(SystemActor.call("api:someone-else", List.of(), () -> segmentation.part2(patient)).reach()).isEqualTo(Reach.WITHHELD);
	}
}
