package org.caremap.medication;

import java.util.List;

/**
 * The adherence of one drug class in the current measurement period ({@code period} names it, e.g. "2026"):
 * the PDC result with its covered runs and gaps, and the fills it was computed from.
 */
public record AdherenceView(DrugClass drugClass, String period, Pdc.Result result, List<FillView> fills) {

	public boolean flagged() {
		return !result.adherent();
	}
}
