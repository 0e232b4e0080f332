package org.caremap.team.fhir;

import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.param.DateRangeParam;
import org.caremap.fhir.CommunicationPart;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.caremap.team.MessageView;
import org.caremap.access.Part2Labels;
import org.caremap.access.Segmentation;
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
	private final Segmentation segmentation;

	MessageCommunications(Messages messages, Segmentation segmentation) {
		this.messages = messages;
		this.segmentation = segmentation;
	}

	/** The message (refused when its case is in a Part 2 program the reader is outside of; labelled when shown). */
	@Override
	public Optional<Communication> read(UUID id) {
		return messages.message(id).map(m -> {
			Communication c = toFhir(m);
			return segmentation.part2(m.patient()).labels(m.caseId().value()) ? Part2Labels.label(c) : c;
		});
	}

	@Override
	public FhirSearch.Keys keys(@Nullable UUID patient, @Nullable DateRangeParam sent, int limit) {
		// paged in SQL, newest first then by id, as the provider merges the parts with its own rows
		Messages.ExchangePage page = messages.forExchange(patient == null ? null : new PatientId(patient),
				sent == null || sent.getLowerBoundAsInstant() == null ? null : sent.getLowerBoundAsInstant().toInstant(),
				sent == null || sent.getUpperBoundAsInstant() == null ? null : sent.getUpperBoundAsInstant().toInstant(), limit);
		return new FhirSearch.Keys(page.keys().stream().map(k -> new FhirSearch.Key(k.id(), k.postedAt())).toList(), page.total());
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
		switch (m.by()) {
			case PATIENT -> c.setSender(new Reference("Patient/" + m.patient().value()).setDisplay(m.authorName()));
			// a proxy has no FHIR resource of their own here: the sender is named
			case PROXY -> c.setSender(new Reference().setDisplay(m.authorName()));
			default -> c.setSender(new Reference("Practitioner/" + m.author().value()).setDisplay(m.authorName()));
		}
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
