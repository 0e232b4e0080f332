package org.caremap.team;

import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/** A thread and its messages in order; {@code withPatient}: the patient reads it in the portal. */
public record ThreadView(UUID id, CaseId caseId, PatientId patient, String subject, List<MessageView> messages,
		boolean withPatient) {

	public ThreadView {
		messages = List.copyOf(messages);
	}
}
