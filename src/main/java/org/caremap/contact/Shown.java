package org.caremap.contact;

import java.util.List;

/**
 * A patient's records of one kind as the reader sees them under 42 CFR Part 2: the rows shown (those made in a
 * substance-use program carry {@code part2}), how many were withheld from the reader, and whether the rows shown
 * need the notice against redisclosure (Part 2 rows seen under the patient's consent).
 */
public record Shown<T>(List<T> rows, int withheld, boolean notice) {

	public Shown {
		rows = List.copyOf(rows);
	}
}
