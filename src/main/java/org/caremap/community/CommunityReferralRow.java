package org.caremap.community;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A referral in a list: the patient (named where the reader may read the record), the organisation, the need, status, dates. */
public record CommunityReferralRow(UUID id, PatientId patient, @Nullable String patientName, String organizationName,
		String serviceName, @Nullable String originLabel, @Nullable String needCode, ReferralStatus status,
		@Nullable ReferralOutcome outcome, Instant sentAt, Instant answerDueAt, @Nullable Instant lastAnswerAt) {

	public boolean overdue(Instant now) {
		return status.awaitingAnswer() && answerDueAt.isBefore(now);
	}
}
