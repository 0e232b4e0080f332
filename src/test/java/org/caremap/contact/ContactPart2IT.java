package org.caremap.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.WithheldRecord;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Part2People;
import org.caremap.timeline.Timeline;
import org.caremap.timeline.TimelineEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * 42 CFR Part 2 on contacts, notes and feedback: the Part 2 program's case manager sees the records made in its case
 * with the label; the case manager of the patient's standard case sees the others and how many were withheld (the
 * notes page, the services, the timeline), cannot open or add to a withheld note; under the patient's consent naming
 * them they see them with the notice against redisclosure; after the consent is revoked, breaking the glass shows them.
 */
class ContactPart2IT extends IntegrationTest {

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired Contacts contacts;
	@Autowired Notes notes;
	@Autowired Feedback feedback;
	@Autowired Timeline timeline;
	@Autowired DisclosureConsents consents;
	@Autowired BreakGlass glass;

	private Part2People p;
	private UUID part2Note;
	private UUID standardNote;

	private UUID contact(UserView who, CaseId caseId, String summary) {
		return p.actors.as(who.username(), () -> contacts.log(new NewContact(p.patient, caseId, ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED,
				Instant.now().minusSeconds(600), 15, ContactKinds.StaffKind.CLINICAL_STAFF, summary, List.of())));
	}

	private UUID note(UserView who, CaseId caseId, String text) {
		return p.actors.as(who.username(), () -> {
			UUID id = notes.draft(p.patient, caseId, new NoteContent(NoteFormat.SOAP, List.of(text, "", "", ""), null, null, null));
			notes.sign(id);
			return id;
		});
	}

	private Browserless signedIn(UserView who) {
		Browserless b = client();
		assertThat(Browserless.location(b.login(who.username(), Part2People.PASSWORD))).doesNotContain("error");
		return b;
	}

	private List<String> timelineOf(UserView who) {
		return p.actors.as(who.username(), () -> timeline.of(p.patient)).stream().map(TimelineEntry::summary).toList();
	}

	@BeforeEach
	void records() {
		p = new Part2People(accounts, organizations, programs, registry, cases, users);
		contact(p.inside, p.part2Case, "Talked through the relapse plan " + p.suffix);
		contact(p.outside, p.standardCase, "Pharmacy refill call " + p.suffix);
		part2Note = note(p.inside, p.part2Case, "Counselling session on cravings " + p.suffix);
		standardNote = note(p.outside, p.standardCase, "Blood pressure follow-up " + p.suffix);
		p.actors.run(p.inside.username(), () -> feedback.record(p.patient, p.part2Case, FeedbackView.Sentiment.POSITIVE,
				FeedbackView.Category.CARE_QUALITY, "The group sessions help " + p.suffix, null));
	}

	@Test
	void theProgramSeesItsRecordsOthersSeeThemOnlyUnderAConsentOrInAnEmergency() {
		// inside the program: everything, the Part 2 rows labelled
		Shown<NoteView> insideNotes = p.actors.as(p.inside.username(), () -> notes.shown(p.patient));
		assertThat(insideNotes.withheld()).isZero();
		assertThat(insideNotes.notice()).isFalse();
		assertThat(insideNotes.rows()).extracting(NoteView::id).containsExactlyInAnyOrder(part2Note, standardNote);
		assertThat(insideNotes.rows()).filteredOn(NoteView::part2).extracting(NoteView::id).containsExactly(part2Note);
		assertThat(p.actors.as(p.inside.username(), () -> contacts.shown(p.patient)).rows()).hasSize(2);
		HttpResponse<String> page = signedIn(p.inside).get("/patients/" + p.patient.value() + "/notes");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Counselling session on cravings " + p.suffix).contains("Talked through the relapse plan")
			.contains("The group sessions help").contains("data-part2").doesNotContain("data-part2-withheld")
			.doesNotContain("data-part2-notice");
		assertThat(timelineOf(p.inside)).anyMatch(s -> s.contains("Talked through the relapse plan " + p.suffix));

		// outside: the other records, and how many were withheld, on the services, the page and the timeline
		Shown<NoteView> outsideNotes = p.actors.as(p.outside.username(), () -> notes.shown(p.patient));
		assertThat(outsideNotes.rows()).extracting(NoteView::id).containsExactly(standardNote);
		assertThat(outsideNotes.withheld()).isOne();
		Shown<ContactView> outsideContacts = p.actors.as(p.outside.username(), () -> contacts.shown(p.patient));
		assertThat(outsideContacts.rows()).extracting(ContactView::summary).containsExactly("Pharmacy refill call " + p.suffix);
		assertThat(outsideContacts.withheld()).isOne();
		assertThat(p.actors.as(p.outside.username(), () -> feedback.shown(p.patient)).withheld()).isOne();
		assertThat(p.actors.as(p.outside.username(), () -> contacts.ofPatient(p.patient))).noneMatch(ContactView::part2);
		Browserless oscar = signedIn(p.outside);
		page = oscar.get("/patients/" + p.patient.value() + "/notes");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Blood pressure follow-up " + p.suffix).contains("Pharmacy refill call")
			.doesNotContain("Counselling session on cravings").doesNotContain("Talked through the relapse plan")
			.doesNotContain("The group sessions help").doesNotContain("data-part2 ")
			.contains("1 record from a confidential substance-use program is withheld from you (42 CFR Part 2).");
		assertThat(timelineOf(p.outside)).anyMatch(s -> s.contains("Pharmacy refill call " + p.suffix))
			.noneMatch(s -> s.contains("Talked through the relapse plan"));
		// the withheld note is neither opened nor changed
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> notes.find(part2Note))).isInstanceOf(WithheldRecord.class);
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> notes.addendum(part2Note, "Seen")))
			.isInstanceOf(WithheldRecord.class);
		assertThat(oscar.post("/patients/" + p.patient.value() + "/notes/" + part2Note + "/addendum", java.util.Map.of("text", "Seen"))
			.statusCode()).isEqualTo(403);
		assertThat(p.actors.as(p.inside.username(), () -> notes.find(part2Note)).orElseThrow().addenda()).isEmpty();
		// nor is a note of theirs put into the Part 2 case
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> notes.draft(p.patient, p.part2Case,
				new NoteContent(NoteFormat.SOAP, List.of("x", "", "", ""), null, null, null)))).isInstanceOf(WithheldRecord.class);

		// under the patient's consent naming them: shown, labelled, with the notice
		UUID consent = p.consentForOutside(consents);
		Shown<NoteView> consented = p.actors.as(p.outside.username(), () -> notes.shown(p.patient));
		assertThat(consented.withheld()).isZero();
		assertThat(consented.notice()).isTrue();
		assertThat(consented.rows()).filteredOn(NoteView::part2).extracting(NoteView::id).containsExactly(part2Note);
		page = oscar.get("/patients/" + p.patient.value() + "/notes");
		assertThat(page.body()).contains("Counselling session on cravings " + p.suffix).contains("data-part2-notice")
			.contains("42 CFR part 2 prohibits unauthorized use or disclosure of these records.")
			.doesNotContain("data-part2-withheld");
		assertThat(timelineOf(p.outside)).anyMatch(s -> s.contains("Talked through the relapse plan " + p.suffix));

		// revoked: withheld again; the glass broken: shown, without the consent's notice
		p.revoke(consents, consent);
		assertThat(p.actors.as(p.outside.username(), () -> notes.shown(p.patient)).withheld()).isOne();
		p.breakGlass(glass);
		Shown<ContactView> emergency = p.actors.as(p.outside.username(), () -> contacts.shown(p.patient));
		assertThat(emergency.withheld()).isZero();
		assertThat(emergency.notice()).isFalse();
		assertThat(emergency.rows()).filteredOn(ContactView::part2).hasSize(1);
		assertThat(p.actors.as(p.outside.username(), () -> notes.find(part2Note))).isPresent();
	}
}
