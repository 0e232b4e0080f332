package org.caremap.task;

import java.util.EnumSet;
import java.util.Set;

/** The event that starts a program's clock (each from the module where it happens), and the stops that fit it. */
public enum ClockStart {
	/** The patient was enrolled in the program (a case opened). */
	ENROLMENT,
	/** The patient was discharged from hospital or the ED. */
	DISCHARGE,
	/** An assessment raised an urgent safety flag. */
	SAFETY_FLAG,
	/** A referral to the program was received (timed until it is decided). */
	REFERRAL_RECEIVED,
	/** An authorization request of the patient was sent to the payer (timed until the payer decides it). */
	AUTHORIZATION_REQUESTED;

	/**
	 * The stops an administrator may pair with this start: a referral's clock stops on its decision, an authorization
	 * request's on the payer's; the case's clocks on the case's work (not on a referral's decision, which comes before
	 * the case).
	 */
	public Set<ClockStop> stops() {
		return switch (this) {
			case REFERRAL_RECEIVED -> EnumSet.of(ClockStop.REFERRAL_DECIDED);
			case AUTHORIZATION_REQUESTED -> EnumSet.of(ClockStop.AUTHORIZATION_DECIDED);
			case ENROLMENT, DISCHARGE, SAFETY_FLAG -> EnumSet.of(ClockStop.FIRST_CONTACT, ClockStop.ASSESSMENT_COMPLETED,
					ClockStop.AUTHORIZATION_DECIDED);
		};
	}
}
