package org.caremap.access;

/** How a user is connected to a patient. */
public enum RelationshipKind {
	CASE_MANAGER, CARE_TEAM, INTAKE, UTILIZATION_REVIEW
}
