package org.caremap.referral;

import java.time.Instant;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;

/**
 * A referral was received for a program (from the form, FHIR, an outreach list or the demo): published in the
 * transaction that records it, once per referral. Other modules time the intake from it (a program's clock).
 */
public record ReferralReceived(ReferralId referral, PatientId patient, ProgramId program, Instant receivedAt) {
}
