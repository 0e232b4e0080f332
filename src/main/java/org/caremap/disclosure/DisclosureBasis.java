package org.caremap.disclosure;

/**
 * Why information was disclosed, as HIPAA 164.528 sorts it: the accounting lists the disclosures on a basis marked
 * {@code accounted}, and leaves out those for treatment, payment and health care operations, to the patient, under
 * the patient's authorization, to persons involved in the patient's care, for a facility directory, for national
 * security, to correctional institutions, as part of a limited data set, and incidental ones.
 */
public enum DisclosureBasis {
	TREATMENT(false), PAYMENT(false), OPERATIONS(false), TO_PATIENT(false), AUTHORIZATION(false), INVOLVED_PERSONS(false),
	FACILITY_DIRECTORY(false), NATIONAL_SECURITY(false), CORRECTIONAL(false), LIMITED_DATA_SET(false), INCIDENTAL(false),
	REQUIRED_BY_LAW(true), PUBLIC_HEALTH(true), ABUSE_NEGLECT(true), HEALTH_OVERSIGHT(true), JUDICIAL(true),
	LAW_ENFORCEMENT(true), DECEDENT(true), ORGAN_DONATION(true), RESEARCH(true), SERIOUS_THREAT(true),
	WORKERS_COMPENSATION(true), NOT_PERMITTED(true);

	private final boolean accounted;

	DisclosureBasis(boolean accounted) {
		this.accounted = accounted;
	}

	/** Whether the accounting of disclosures lists a disclosure on this basis. */
	public boolean accounted() {
		return accounted;
	}

	/** Whether the accounting of a disclosure on this basis may be suspended at the recipient's request. */
	public boolean suspendable() {
		return this == HEALTH_OVERSIGHT || this == LAW_ENFORCEMENT;
	}
}
