package org.caremap.community;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A referral to send: the patient, the directory service, where it started (a social need or a care-plan intervention,
 * or neither), what is asked, what the patient consented to share with the organisation, how the patient wants to be
 * reached, and, for a patient in a 42 CFR Part 2 program, the Part 2 consent.
 */
public record NewCommunityReferral(PatientId patient, UUID service, ReferralOrigin.@Nullable Kind originKind,
		@Nullable UUID originId, String request, Sharing sharing, ContactPreferences contact, @Nullable Part2Consent part2) {

	/** The data items the patient agreed to share, and a note for the organisation. */
	public record Sharing(boolean nameAndContact, boolean birthDate, boolean language, boolean need, boolean insurance,
			@Nullable String noteForOrganization) {
	}

	/** How the patient wants to be reached. */
	public record ContactPreferences(boolean phone, boolean text, boolean email, @Nullable String times,
			@Nullable String language) {
	}

	/**
	 * The elements of a 42 CFR 2.31 consent for this disclosure: the recipient (the organisation), the purpose, how much
	 * and what kind of information, when it ends, and the date the patient signed it.
	 */
	public record Part2Consent(@Nullable String recipient, @Nullable String purpose, @Nullable String information,
			@Nullable LocalDate expiresOn, @Nullable LocalDate signedOn) {
	}
}
