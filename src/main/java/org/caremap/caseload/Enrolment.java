package org.caremap.caseload;

import java.time.LocalDate;

import org.caremap.program.ProgramId;
import org.caremap.referral.ReferralId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** What enrolling a patient needs: program, case manager, start, consent, and the first acuity with its reason. */
public record Enrolment(PatientId patient, ProgramId program, @Nullable ReferralId referral, UserId caseManager,
		LocalDate startDate, Consent consent, Acuity acuity, String acuityReason) {

	public Enrolment {
		if (patient == null || program == null || caseManager == null || startDate == null || consent == null
				|| acuity == null) {
			throw new IllegalArgumentException("patient, program, case manager, start date, consent and acuity are required");
		}
		if (acuityReason == null || acuityReason.isBlank()) throw new IllegalArgumentException("acuity reason is required");
	}
}
