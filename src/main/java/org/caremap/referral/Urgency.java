package org.caremap.referral;

/** How soon the referral needs screening. */
public enum Urgency {
	EMERGENT, URGENT, ROUTINE
}
