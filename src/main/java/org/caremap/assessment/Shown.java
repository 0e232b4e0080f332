package org.caremap.assessment;

import java.util.List;

/**
 * A patient's assessments as the reader sees them under 42 CFR Part 2: those shown (those made in a substance-use
 * program carry {@code part2}), how many were withheld from the reader, and whether the ones shown need the notice
 * against redisclosure (Part 2 assessments seen under the patient's consent).
 */
public record Shown<T>(List<T> rows, int withheld, boolean notice) {

	public Shown {
		rows = List.copyOf(rows);
	}
}
