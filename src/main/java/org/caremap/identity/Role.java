package org.caremap.identity;

/** What a user does in Caremap; a user may hold several roles. */
public enum Role {
	ADMIN, SUPERVISOR, CASE_MANAGER, INTAKE, CARE_TEAM, UTILIZATION_REVIEW;

	/** The authority name Spring Security checks ({@code ROLE_...}). */
	public String authority() {
		return "ROLE_" + name();
	}
}
