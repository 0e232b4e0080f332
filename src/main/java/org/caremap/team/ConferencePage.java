package org.caremap.team;

import java.util.List;

/** One page of the conference list, with the number of conferences in all. */
public record ConferencePage(List<ConferenceRow> rows, long total) {

	public ConferencePage {
		rows = List.copyOf(rows);
	}
}
