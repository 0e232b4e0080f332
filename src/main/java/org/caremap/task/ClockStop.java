package org.caremap.task;

/** The event that stops a program's clock: met when it comes by the due time, missed after it. */
public enum ClockStop {
	/** A contact that reached the patient was logged on the case. */
	FIRST_CONTACT,
	/** An assessment of the patient was completed. */
	ASSESSMENT_COMPLETED,
	/** The payer decided one of the patient's authorization requests. */
	AUTHORIZATION_DECIDED,
	/** The step of a transition was met (built-in transitions clocks only). */
	STEP_MET,
	/** The referral that started the clock was accepted, declined or withdrawn. */
	REFERRAL_DECIDED
}
