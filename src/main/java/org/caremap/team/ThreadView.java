package org.caremap.team;

import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/** A thread and its messages in order. */
public record ThreadView(UUID id, CaseId caseId, PatientId patient, String subject, List<MessageView> messages) {

	public ThreadView {
		messages = List.copyOf(messages);
	}
}
