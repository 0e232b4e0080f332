package org.caremap.transition;

import java.util.List;

/** One page of the stays and visits a query found, and how many it found in all. */
public record EncounterPage(List<EncounterRecord> encounters, long total) {

	public EncounterPage {
		encounters = List.copyOf(encounters);
	}
}
