package org.caremap.task;

/** The event that starts a program's clock (each from the module where it happens). */
public enum ClockStart {
	/** The patient was enrolled in the program (a case opened). */
	ENROLMENT,
	/** The patient was discharged from hospital or the ED. */
	DISCHARGE,
	/** An assessment raised an urgent safety flag. */
	SAFETY_FLAG
}
