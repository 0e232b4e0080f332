package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.caremap.support.Today;
import org.caremap.caseload.Cases;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The care team and its messages over FHIR: the case's CareTeam carries the members from outside as contained
 * participants (a Practitioner, a RelatedPerson) beside the staff, with role, period and telecom, and validates against
 * US Core CareTeam; each secure message is a Communication (priority, sender, recipients, payload) found by patient and
 * by id, valid against base R4 (US Core has no Communication profile).
 */
class TeamFhirIT extends IntegrationTest {

	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired ApiClients clients;
	@Autowired Members members;
	@Autowired Messages messages;

	@Test
	void careTeamCarriesOutsideMembersAndMessagesAreCommunicationsThatValidate() throws Exception {
		java.util.Date before = new java.util.Date(System.currentTimeMillis() - 1000);
		TeamFixtures.Case c = TeamFixtures.patientOfDana(programs, patients, organizations, accounts, cases, users,
				"Fhirteam" + UUID.randomUUID().toString().substring(0, 6));
		Actors dana = new Actors(users);
		dana.run("casemanager", () -> {
			members.add(c.patient(), new NewMember(c.caseId(), MemberKind.PHARMACIST, "Grace Liu", "Pharmacist",
					"Riverside Community Pharmacy", "(614) 555-0140", "grace@pharmacy.example", ContactWay.EMAIL, null, null,
					Today.date().minusDays(3), null));
			members.add(c.patient(), new NewMember(c.caseId(), MemberKind.FAMILY_CAREGIVER, "Ana Fhirteam", "Daughter", null,
					"(614) 555-0199", null, ContactWay.TEXT, null, null, Today.date().minusDays(3), null));
			members.add(c.patient(), new NewMember(c.caseId(), MemberKind.COMMUNITY_ORGANIZATION, "Joe Rivera", "Food pantry contact",
					"Harvest Table", "(614) 555-0111", null, ContactWay.PHONE, null, null, Today.date().minusDays(3), null));
			UUID thread = messages.start(c.patient(), c.caseId(), "Refill", new Messages.NewMessage("Please renew the insulin.", false, null));
			messages.post(c.patient(), thread, new Messages.NewMessage("Readings under 60 today: call the daughter.", true,
					new Messages.Upload("log.pdf", "application/pdf", "%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
		});

		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ApiClients.Credentials reader = Tokens.register(dana, clients, "Team validator " + UUID.randomUUID(), "system/*.rs");
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, reader, "system/*.rs")));

		CareTeam team = client.read().resource(CareTeam.class).withId(c.caseId().value().toString()).execute();
		assertThat(team.getContained()).hasSize(3);
		assertThat(team.getContained()).anyMatch(r -> r instanceof Practitioner p && p.getNameFirstRep().getFamily().equals("Liu")
				&& p.getTelecom().stream().anyMatch(t -> "grace@pharmacy.example".equals(t.getValue()) && t.getRank() == 1));
		assertThat(team.getContained()).anyMatch(r -> r instanceof RelatedPerson rp && rp.getPatient().getReference().endsWith(c.patient().value().toString()));
		assertThat(team.getParticipant()).extracting(p -> p.getRoleFirstRep().getText())
			.contains("Case manager", "Primary care physician", "Pharmacist", "Daughter", "Food pantry contact");
		assertThat(team.getParticipant()).filteredOn(p -> p.getMember().getReference() != null && p.getMember().getReference().startsWith("#"))
			.hasSize(3).allMatch(p -> p.getPeriod().hasStart());
		Bundle searched = client.search().forResource(CareTeam.class).where(CareTeam.PATIENT.hasId(c.patient().value().toString()))
			.returnBundle(Bundle.class).execute();
		assertThat(((CareTeam) searched.getEntryFirstRep().getResource()).getContained()).hasSize(3);

		Bundle found = client.search().forResource(Communication.class)
			.where(Communication.PATIENT.hasId(c.patient().value().toString())).returnBundle(Bundle.class).execute();
		List<Communication> comms = found.getEntry().stream().map(e -> (Communication) e.getResource())
			.filter(x -> x.getCategoryFirstRep().getText().equals("Secure message")).toList();
		assertThat(comms).hasSize(2);
		Communication urgent = comms.get(0);
		assertThat(urgent.getPriority()).isEqualTo(Communication.CommunicationPriority.URGENT);
		assertThat(urgent.getTopic().getText()).isEqualTo("Refill");
		assertThat(urgent.getSender().getDisplay()).isEqualTo("Dana Whitfield, RN");
		assertThat(urgent.getRecipient()).extracting(r -> r.getDisplay()).contains("Dr. Samuel Okafor");
		assertThat(urgent.getPayload()).hasSize(2);
		Communication byId = client.read().resource(Communication.class).withId(urgent.getIdElement().getIdPart()).execute();
		assertThat(byId.getPayloadFirstRep().getContentStringType().getValue()).contains("Readings under 60");

		// without a patient: the team's messages are paged in SQL and merged with the contacts, newest first; walking the
		// pages one by one finds each communication once, in order, and as many as the total says
		Bundle all = client.search().forResource(Communication.class).where(Communication.SENT.afterOrEquals().millis(before))
			.count(2).returnBundle(Bundle.class).execute();
		int total = all.getTotal();
		assertThat(total).isGreaterThanOrEqualTo(2);
		List<Communication> walked = new ArrayList<>();
		for (int offset = 0; offset < total; offset++) {
			Bundle page = client.search().forResource(Communication.class).where(Communication.SENT.afterOrEquals().millis(before))
				.offset(offset).count(1).returnBundle(Bundle.class).execute();
			assertThat(page.getTotal()).isEqualTo(total);
			page.getEntry().forEach(e -> walked.add((Communication) e.getResource()));
		}
		assertThat(walked).extracting(x -> x.getIdElement().getIdPart()).doesNotHaveDuplicates()
			.contains(comms.get(0).getIdElement().getIdPart(), comms.get(1).getIdElement().getIdPart()).hasSize(total);
		for (int i = 1; i < walked.size(); i++) {
			assertThat(walked.get(i).getSent()).isBeforeOrEqualTo(walked.get(i - 1).getSent());
		}

		ValidationSupportChain base = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
				new CommonCodeSystemsTerminologyService(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
				new SnapshotGeneratingValidationSupport(fhir));
		NpmPackageValidationSupport usCore = new NpmPackageValidationSupport(fhir);
		usCore.loadPackageFromClasspath("classpath:fhir/us_core_610.tgz");
		ValidationSupportChain withUsCore = new ValidationSupportChain(usCore,
				new DefaultProfileValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir));
		FhirValidator r4 = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(base));
		FhirValidator us = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(withUsCore));
		List<String> errors = new ArrayList<>();
		for (Resource r : List.<Resource>of(team, urgent, comms.get(1))) {
			Resource plain = r.copy();
			plain.getMeta().getProfile().clear();
			collect(errors, "R4 " + r.fhirType(), r4.validateWithResult(plain).getMessages());
			collect(errors, "US Core " + r.fhirType(), us.validateWithResult(r).getMessages());
		}
		assertThat(errors).as("validation errors").isEmpty();
	}

	private static void collect(List<String> errors, String where, List<SingleValidationMessage> found) {
		for (SingleValidationMessage m : found) {
			System.out.println("[validation " + where + "] " + m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage());
			if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
				errors.add(where + " " + m.getLocationString() + ": " + m.getMessage());
			}
		}
	}
}
