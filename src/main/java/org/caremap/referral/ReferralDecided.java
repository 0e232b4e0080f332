package org.caremap.referral;

import java.time.Instant;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;

/**
 * A referral was decided: accepted, declined or withdrawn ({@code status}). Published in the transaction of the
 * decision; the intake it ends is settled (a program's clock stops on it).
 */
public record ReferralDecided(ReferralId referral, PatientId patient, ProgramId program, ReferralStatus status,
		Instant decidedAt) {
}
