package org.caremap.team;

/** Who a member of the care team outside the organisation is to the patient (the role shown unless another is given). */
public enum MemberKind {
	PRIMARY_CARE_PHYSICIAN, PHARMACIST, COMMUNITY_HEALTH_WORKER, COMMUNITY_ORGANIZATION, FAMILY_CAREGIVER, OTHER
}
