package org.caremap.assessment;

/** Who gave the answers. */
public enum Respondent {
	PATIENT, CAREGIVER, STAFF_OBSERVATION
}
