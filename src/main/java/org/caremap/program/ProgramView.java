package org.caremap.program;

import java.util.Set;

import org.caremap.shared.UserId;

/** A program as configured. */
public record ProgramView(ProgramId id, String name, ProgramType type, String description, String eligibility,
		int contactEveryDays, Confidentiality confidentiality, boolean active, Set<UserId> supervisors) {

	public ProgramView {
		supervisors = Set.copyOf(supervisors);
	}
}
