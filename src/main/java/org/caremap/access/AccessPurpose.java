package org.caremap.access;

/**
 * What the user wants to do with the patient's record. Reading is one purpose; writing comes in three kinds,
 * because the people around a patient change different parts of the record (see {@link AccessRules}).
 */
public enum AccessPurpose {
	/** Open the record: chart, plan, notes, history. */
	READ,
	/** Add to the shared work on the patient: log a contact, record feedback, create and work tasks. */
	CONTRIBUTE,
	/** Change the registration: demographics, identifiers, support network, coverage, providers, merges. */
	REGISTER,
	/** Change the clinical record: progress notes, assessments, care plans, medications, the case itself. */
	WRITE
}
