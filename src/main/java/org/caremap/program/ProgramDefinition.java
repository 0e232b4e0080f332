package org.caremap.program;

/** What an administrator sets on a program. */
public record ProgramDefinition(String name, ProgramType type, String description, String eligibility,
		int contactEveryDays, Confidentiality confidentiality, boolean active) {

	public ProgramDefinition {
		if (name == null || name.isBlank()) throw new IllegalArgumentException("program name is required");
		if (type == null) throw new IllegalArgumentException("program type is required");
		if (contactEveryDays < 1 || contactEveryDays > 366) {
			throw new IllegalArgumentException("contact cadence must be 1 to 366 days: " + contactEveryDays);
		}
		if (confidentiality == null) throw new IllegalArgumentException("confidentiality is required");
		description = description == null ? "" : description.trim();
		eligibility = eligibility == null ? "" : eligibility.trim();
		name = name.trim();
	}
}
