package org.caremap.referral;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;

/** A referral ended in enrolment. */
public record ReferralAccepted(ReferralId referral, PatientId patient, ProgramId program, String caseId) {
}
