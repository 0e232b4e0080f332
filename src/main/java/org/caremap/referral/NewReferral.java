package org.caremap.referral;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A referral as received; {@code receivedAt} when it arrived earlier than it is entered (default now). */
public record NewReferral(PatientId patient, ProgramId program, ReferralSource source, @Nullable String sourceName,
		@Nullable String sourceContact, String reason, Urgency urgency, java.time.@Nullable Instant receivedAt) {

	/** A referral received now. */
	public NewReferral(PatientId patient, ProgramId program, ReferralSource source, @Nullable String sourceName,
			@Nullable String sourceContact, String reason, Urgency urgency) {
		this(patient, program, source, sourceName, sourceContact, reason, urgency, null);
	}

	public NewReferral {
		if (patient == null) throw new IllegalArgumentException("patient is required");
		if (program == null) throw new IllegalArgumentException("program is required");
		if (source == null) throw new IllegalArgumentException("source is required");
		if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is required");
		if (urgency == null) throw new IllegalArgumentException("urgency is required");
	}
}
