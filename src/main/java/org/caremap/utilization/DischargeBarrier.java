package org.caremap.utilization;

/** What stands between the patient and going home (or to the next place of care). */
public enum DischargeBarrier {
	POST_ACUTE_PLACEMENT, HOME_HEALTH, EQUIPMENT, NO_CAREGIVER, HOUSING, TRANSPORT, AUTHORIZATION_PENDING,
	PATIENT_OR_FAMILY_DECISION, OTHER
}
