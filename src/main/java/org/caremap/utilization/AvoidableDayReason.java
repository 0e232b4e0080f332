package org.caremap.utilization;

/** Why a day in hospital was avoidable (a day the level of care was not needed, or the stay waited on something). */
public enum AvoidableDayReason {
	PHYSICIAN_DELAY, TEST_OR_PROCEDURE_DELAY, AWAITING_POST_ACUTE_BED, AWAITING_HOME_SERVICES, PAYER_AUTHORIZATION,
	PATIENT_OR_FAMILY_DECISION, LATE_DISCHARGE_PLANNING, SOCIAL_OR_HOUSING, OTHER
}
