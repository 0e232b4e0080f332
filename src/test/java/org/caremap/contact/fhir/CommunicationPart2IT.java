package org.caremap.contact.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.Part2Labels;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.WithheldRecord;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Part2People;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;

/**
 * 42 CFR Part 2 on the Communication API: a contact logged in the substance-use program's case is read and searched
 * by the program's case manager with the DS4P labels (valid base R4); the case manager of the patient's standard case
 * gets the other contact, the search's total without it and an outcome entry counting it, and 403 on reading it;
 * under the patient's consent naming them it is shown labelled with the notice in the outcome; in an emergency too.
 */
class CommunicationPart2IT extends IntegrationTest {

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired Contacts contacts;
	@Autowired CommunicationResourceProvider provider;
	@Autowired DisclosureConsents consents;
	@Autowired BreakGlass glass;

	private Part2People p;

	private UUID contact(UserView who, CaseId caseId, String summary) {
		return p.actors.as(who.username(), () -> contacts.log(new NewContact(p.patient, caseId, ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED,
				Instant.now().minusSeconds(600), 15, ContactKinds.StaffKind.CLINICAL_STAFF, summary, List.of())));
	}

	private List<IBaseResource> search(UserView who) {
		return p.actors.as(who.username(), () -> {
			IBundleProvider found = provider.search(new ReferenceParam("Patient/" + p.patient.value()), null, null, null, null, null);
			List<IBaseResource> all = found.getResources(0, 50);
			assertThat(found.size()).as("the total counts what is shown").isEqualTo(
					(int) all.stream().filter(r -> r instanceof Communication).count());
			return all;
		});
	}

	private static List<Communication> communications(List<IBaseResource> found) {
		return found.stream().filter(r -> r instanceof Communication).map(r -> (Communication) r).toList();
	}

	private static List<OperationOutcome> outcomes(List<IBaseResource> found) {
		return found.stream().filter(r -> r instanceof OperationOutcome).map(r -> (OperationOutcome) r).toList();
	}

	private static boolean labelled(Communication c) {
		return Part2Labels.labelled(c) && c.getMeta().getSecurity().stream().anyMatch(s -> "R".equals(s.getCode()));
	}

	@Test
	void theProgramsContactIsLabelledForThoseWhoSeeItAndWithheldAndCountedForOthers() {
		p = new Part2People(accounts, organizations, programs, registry, cases, users);
		UUID part2 = contact(p.inside, p.part2Case, "Relapse plan " + p.suffix);
		UUID standard = contact(p.outside, p.standardCase, "Refill " + p.suffix);

		// inside: both, the program's labelled, no outcome entry; the labelled resource is valid base R4
		List<IBaseResource> found = search(p.inside);
		assertThat(communications(found)).extracting(c -> c.getIdElement().getIdPart())
			.containsExactlyInAnyOrder(part2.toString(), standard.toString());
		assertThat(outcomes(found)).isEmpty();
		Communication labelled = p.actors.as(p.inside.username(), () -> provider.read(new IdType("Communication", part2.toString())));
		assertThat(labelled(labelled)).isTrue();
		assertThat(labelled(p.actors.as(p.inside.username(), () -> provider.read(new IdType("Communication", standard.toString())))))
			.isFalse();
		FhirContext fhir = FhirContext.forR4Cached();
		FhirValidator validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir))));
		assertThat(validator.validateWithResult(labelled).getMessages())
			.filteredOn(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL).isEmpty();

		// outside: the other contact only, the total without the withheld one, an outcome entry counting it; read refused
		found = search(p.outside);
		assertThat(communications(found)).extracting(c -> c.getIdElement().getIdPart()).containsExactly(standard.toString());
		assertThat(outcomes(found)).singleElement().satisfies(o -> assertThat(o.getIssue()).singleElement().satisfies(i -> {
			assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.SUPPRESSED);
			assertThat(i.getDiagnostics()).startsWith("1 resource(s) withheld under 42 CFR Part 2");
		}));
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> provider.read(new IdType("Communication", part2.toString()))))
			.isInstanceOf(WithheldRecord.class);

		// under the patient's consent: shown labelled, with the notice against redisclosure in the outcome entry
		UUID consent = p.consentForOutside(consents);
		found = search(p.outside);
		assertThat(communications(found)).hasSize(2).filteredOn(CommunicationPart2IT::labelled)
			.extracting(c -> c.getIdElement().getIdPart()).containsExactly(part2.toString());
		assertThat(outcomes(found)).singleElement().satisfies(o -> assertThat(o.getIssue()).singleElement()
			.satisfies(i -> assertThat(i.getDiagnostics()).contains("42 CFR part 2").contains("prohibit you from")));
		assertThat(labelled(p.actors.as(p.outside.username(), () -> provider.read(new IdType("Communication", part2.toString())))))
			.isTrue();

		// the consent revoked, then the glass broken: shown labelled, without the consent's notice
		p.revoke(consents, consent);
		assertThat(communications(search(p.outside))).hasSize(1);
		p.breakGlass(glass);
		found = search(p.outside);
		assertThat(communications(found)).hasSize(2);
		assertThat(outcomes(found)).isEmpty();
	}
}
