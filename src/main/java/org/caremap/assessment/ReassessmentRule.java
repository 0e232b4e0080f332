package org.caremap.assessment;

import java.util.List;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/**
 * Give the instrument again every {@code everyDays} days to the patients with an open case in the program; with
 * {@code whileCodes}, only while one of those ICD-10-CM codes (prefixes) is an active problem.
 */
public record ReassessmentRule(UUID id, ProgramId program, String instrumentKey, int everyDays, List<String> whileCodes,
		@Nullable String whileLabel, boolean active) {

	public ReassessmentRule {
		whileCodes = List.copyOf(whileCodes);
	}
}
