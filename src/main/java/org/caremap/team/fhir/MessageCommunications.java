package org.caremap.team.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.param.DateRangeParam;
import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.CommunicationPart;
import org.caremap.shared.PatientId;
import org.caremap.team.MessageView;
import org.caremap.team.Messages;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Secure messages as FHIR Communication (base R4; US Core has no Communication profile): the thread's subject as
 * topic, the case as what it is about, the author as sender, everyone it went to as recipients, the text and the
 * attached files' names and types as payload, urgent as priority. Served by the one Communication provider (contact's),
 * through {@link CommunicationPart}; the reader's access to the thread is checked by {@link Messages}.
 */
@Component
class MessageCommunications implements CommunicationPart {

	private static final String MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

	private final Messages messages;
	private final PatientAccess access;

	MessageCommunications(Messages messages, PatientAccess access) {
		this.messages = messages;
		this.access = access;
	}

	@Override
	public Optional<Communication> read(UUID id) {
		return messages.message(id).map(MessageCommunications::toFhir);
	}

	@Override
	public Found search(@Nullable UUID patient, @Nullable DateRangeParam sent, int limit) {
		List<PatientId> patients = new ArrayList<>();
		if (patient != null) {
			if (access.permits(new PatientId(patient), AccessPurpose.READ)) patients.add(new PatientId(patient));
		}
		else {
			Set<PatientId> scope = access.readableScope();
			if (scope == null) patients.addAll(messages.patientsWithMessages());
			else patients.addAll(scope);
		}
		List<MessageView> found = new ArrayList<>();
		// a reader of the record who is not on the team finds none of its messages
		for (PatientId p : patients) found.addAll(messages.ofPatientForExchange(p, 0, Integer.MAX_VALUE));
		List<MessageView> within = found.stream().filter(m -> within(sent, m)).toList();
		List<Communication> out = within.stream()
			.sorted(java.util.Comparator.comparing(MessageView::postedAt).reversed())
			.limit(limit)
			.map(MessageCommunications::toFhir)
			.toList();
		return new Found(out, within.size());
	}

	private static boolean within(@Nullable DateRangeParam range, MessageView m) {
		if (range == null) return true;
		Date at = Date.from(m.postedAt());
		if (range.getLowerBoundAsInstant() != null && at.before(range.getLowerBoundAsInstant())) return false;
		return range.getUpperBoundAsInstant() == null || !at.after(range.getUpperBoundAsInstant());
	}

	static Communication toFhir(MessageView m) {
		Communication c = new Communication();
		c.setId(m.id().toString());
		c.getMeta().setLastUpdated(Date.from(m.postedAt()));
		c.setStatus(Communication.CommunicationStatus.COMPLETED);
		c.addCategory(new CodeableConcept().setText("Secure message"));
		c.setPriority(m.urgent() ? Communication.CommunicationPriority.URGENT : Communication.CommunicationPriority.ROUTINE);
		c.addMedium(new CodeableConcept().addCoding(new Coding(MODE, "ONLINEWRIT", "online written")));
		c.setSubject(new Reference("Patient/" + m.patient().value()));
		c.setTopic(new CodeableConcept().setText(m.subject()));
		c.addAbout(new Reference("EpisodeOfCare/" + m.caseId().value()));
		c.setSent(Date.from(m.postedAt()));
		c.setSender(new Reference("Practitioner/" + m.author().value()).setDisplay(m.authorName()));
		for (MessageView.Receipt r : m.receipts()) {
			c.addRecipient(new Reference("Practitioner/" + r.user().value()).setDisplay(r.name()));
		}
		c.addPayload().setContent(new StringType(m.body()));
		for (MessageView.AttachmentInfo a : m.attachments()) {
			c.addPayload().setContent(new Attachment().setContentType(a.contentType()).setTitle(a.filename()).setSize(a.size()));
		}
		return c;
	}
}
