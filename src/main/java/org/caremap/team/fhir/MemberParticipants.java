package org.caremap.team.fhir;

import java.util.List;
import java.util.Map;

import org.caremap.caseload.CareTeamParticipants;
import org.caremap.caseload.CaseId;
import org.caremap.team.ContactWay;
import org.caremap.team.MemberView;
import org.caremap.team.Members;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.springframework.stereotype.Component;

/**
 * The members from outside the organisation as participants of the case's CareTeam (US Core CareTeam), each a
 * contained resource since Caremap keeps no record of them elsewhere: a physician, pharmacist or community health
 * worker as a Practitioner (US Core Practitioner: a name with a family name, and an identifier, Caremap's id of the
 * member, since no NPI is recorded), a family caregiver as a RelatedPerson of the patient, a community organisation's
 * contact as the Organization with its contact person. How to reach them is their telecom, the preferred way ranked 1.
 * The role is in words and the period is the member's time on the team.
 */
@Component
class MemberParticipants implements CareTeamParticipants {

	static final String MEMBER_SYSTEM = "urn:caremap:care-team-member";

	private final Members members;

	MemberParticipants(Members members) {
		this.members = members;
	}

	@Override
	public void addTo(Map<CaseId, CareTeam> teams) {
		Map<CaseId, List<MemberView>> byCase = members.ofCases(teams.keySet());
		byCase.forEach((caseId, list) -> {
			CareTeam team = teams.get(caseId);
			if (team == null) return;
			for (MemberView m : list) {
				DomainResource who = resource(m, team.getSubject());
				String local = "m" + m.id().toString().replace("-", "").substring(0, 12);
				who.setId(local);
				team.addContained(who);
				Period served = new Period().setStartElement(new DateTimeType(m.from().toString()));
				if (m.to() != null) served.setEndElement(new DateTimeType(m.to().toString()));
				team.addParticipant()
					.addRole(new CodeableConcept().setText(m.role()))
					.setMember(new Reference("#" + local).setDisplay(m.name()))
					.setPeriod(served);
			}
		});
	}

	private static DomainResource resource(MemberView m, Reference patient) {
		List<ContactPoint> telecom = telecom(m);
		switch (m.kind()) {
			case FAMILY_CAREGIVER: {
				RelatedPerson p = new RelatedPerson();
				p.setActive(m.to() == null);
				p.setPatient(patient.copy());
				p.addRelationship(new CodeableConcept().setText(m.role()));
				p.addName(name(m.name()));
				p.setTelecom(telecom);
				return p;
			}
			case COMMUNITY_ORGANIZATION: {
				Organization o = new Organization();
				o.setActive(m.to() == null);
				o.addIdentifier(new Identifier().setSystem(MEMBER_SYSTEM).setValue(m.id().toString()));
				o.setName(m.organization() != null ? m.organization() : m.name());
				Organization.OrganizationContactComponent contact = o.addContact();
				contact.setName(name(m.name()));
				contact.setTelecom(telecom);
				return o;
			}
			default: {
				Practitioner p = new Practitioner();
				p.setActive(m.to() == null);
				p.addIdentifier(new Identifier().setSystem(MEMBER_SYSTEM).setValue(m.id().toString()));
				p.addName(name(m.name()));
				p.setTelecom(telecom);
				return p;
			}
		}
	}

	/** A name as typed, with its last word as the family name (US Core asks for one). */
	static HumanName name(String text) {
		String trimmed = text.strip();
		HumanName name = new HumanName().setText(trimmed);
		String[] words = trimmed.split("\\s+");
		name.setFamily(words[words.length - 1]);
		for (int i = 0; i < words.length - 1; i++) name.addGiven(words[i]);
		return name;
	}

	private static List<ContactPoint> telecom(MemberView m) {
		List<ContactPoint> out = new java.util.ArrayList<>();
		if (m.phone() != null) {
			out.add(new ContactPoint().setSystem(m.preferred() == ContactWay.TEXT ? ContactPoint.ContactPointSystem.SMS
					: ContactPoint.ContactPointSystem.PHONE).setValue(m.phone())
				.setRank(m.preferred() == ContactWay.PHONE || m.preferred() == ContactWay.TEXT ? 1 : 2));
		}
		if (m.email() != null) {
			out.add(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(m.email())
				.setRank(m.preferred() == ContactWay.EMAIL ? 1 : 2));
		}
		return out;
	}
}
