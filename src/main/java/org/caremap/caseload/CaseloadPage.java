package org.caremap.caseload;

import java.util.List;

/** One page of a caseload, with how many cases matched in all. */
public record CaseloadPage(List<CaseloadRow> rows, long total) {

	public CaseloadPage {
		rows = List.copyOf(rows);
	}
}
