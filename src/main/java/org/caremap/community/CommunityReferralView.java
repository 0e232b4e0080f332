package org.caremap.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A community referral as Caremap's staff see it: what was sent (the service as it was then), where it started, what
 * was consented and shared, the patient's contact preferences, the Task's status, reason and outcome, and its history.
 */
public record CommunityReferralView(UUID id, PatientId patient, UUID service, UUID organization, UUID sender,
		String senderName, ReferralOrigin.@Nullable Kind originKind, @Nullable UUID originId, @Nullable String originLabel,
		@Nullable String needCode, String request, String serviceName, String organizationName, @Nullable String address,
		@Nullable String phone, @Nullable String hours, @Nullable String transportation, @Nullable String applicationProcess,
		@Nullable String referralEmail, Shared shared, NewCommunityReferral.ContactPreferences contact,
		NewCommunityReferral.@Nullable Part2Consent part2, ReferralStatus status, @Nullable String statusReason,
		@Nullable ReferralOutcome outcome, Instant sentAt, Instant answerDueAt, @Nullable Instant lastAnswerAt,
		@Nullable Instant closedAt, @Nullable Instant linkExpiresAt, String consentBy, Instant consentAt,
		List<Step> history, int version) {

	/** The same referral with this history. */
	public CommunityReferralView withHistory(List<Step> steps) {
		return new CommunityReferralView(id, patient, service, organization, sender, senderName, originKind, originId,
				originLabel, needCode, request, serviceName, organizationName, address, phone, hours, transportation,
				applicationProcess, referralEmail, shared, contact, part2, status, statusReason, outcome, sentAt, answerDueAt,
				lastAnswerAt, closedAt, linkExpiresAt, consentBy, consentAt, List.copyOf(steps), version);
	}


	public CommunityReferralView {
		history = List.copyOf(history);
	}

	/** What went to the organisation: the items consented to and their values as sent. */
	public record Shared(boolean nameAndContact, boolean birthDate, boolean language, boolean need, boolean insurance,
			@Nullable String name, @Nullable String phone, @Nullable String email, @Nullable LocalDate birthDateValue,
			@Nullable String languageValue, @Nullable String insuranceValue, @Nullable String noteForOrganization) {
	}

	/** One change: what was done, from which status to which, why, by whom (staff, the organisation, a system), when. */
	public record Step(String action, @Nullable ReferralStatus from, ReferralStatus to, @Nullable String reason,
			@Nullable ReferralOutcome outcome, @Nullable String note, String actorKind, String actorName, Instant at) {
	}

	/** The organisation owes its first answer and the days it had are over. */
	public boolean overdue(Instant now) {
		return status.awaitingAnswer() && answerDueAt.isBefore(now);
	}
}
