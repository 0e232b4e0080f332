package org.caremap.referral;

/** Who referred the patient. */
public enum ReferralSource {
	PROVIDER, SELF, FAMILY, PAYER, HOSPITAL, OUTREACH
}
