package org.caremap.community;

import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * A module that holds what referrals start from (the assessment module's social needs, the care plan's
 * interventions) tells this one what one of them is, so that the referral form and the referral show its words. It is
 * declared here because those modules listen to this one's events (a delivered service meets the need and completes
 * the intervention), so this module must not depend on them. Called after the patient's record was opened to the
 * current user.
 */
public interface ReferralOrigins {

	/** The patient's need or intervention with this id, if this module holds it. */
	Optional<ReferralOrigin> find(PatientId patient, ReferralOrigin.Kind kind, UUID id);
}
