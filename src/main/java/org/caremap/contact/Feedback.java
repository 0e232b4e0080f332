package org.caremap.contact;

import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Patient feedback and complaints. A complaint with a follow-up owner becomes a task on that person's day, so it
 * is not forgotten; resolving it records the outcome.
 */
public interface Feedback {

	UUID record(PatientId patient, @Nullable CaseId caseId, FeedbackView.Sentiment sentiment, FeedbackView.Category category,
			String description, @Nullable UserId followUpOwner);

	void resolve(UUID feedback, String outcome);

	/** The patient's feedback the reader may see. */
	default List<FeedbackView> ofPatient(PatientId patient) {
		return shown(patient).rows();
	}

	/** The patient's feedback as the reader sees it, with how much was withheld under 42 CFR Part 2. */
	Shown<FeedbackView> shown(PatientId patient);
}
