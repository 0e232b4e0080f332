package org.caremap.medication;

import java.math.BigDecimal;
import java.util.List;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Pharmacy fills and adherence: fills come from FHIR MedicationDispense or a CSV upload; after each, the patient's
 * PDC is computed per drug class for the current measurement period (the calendar year, to date), and a class below
 * 80% publishes {@link AdherenceGapFound} once per patient, class and period.
 */
public interface Adherence {

	List<FillView> fills(PatientId patient);

	java.util.Optional<FillView> fill(java.util.UUID id);

	/** Records the fill (or finds the same one already held) and recomputes the patient's adherence. */
	Recorded record(NewFill fill);

	/**
	 * Reads a CSV of fills for the patient (header {@code filled_on,drug,rxnorm,days_supply,quantity,pharmacy}); all
	 * rows or none: a bad row refuses the whole file, naming each bad row and column.
	 */
	CsvOutcome importCsv(PatientId patient, String csv);

	/** The result of a CSV: how many fills were new and how many already held, or the problems found (nothing kept). */
	record CsvOutcome(int created, int matched, List<CsvProblem> problems) {

		public boolean refused() {
			return !problems.isEmpty();
		}
	}

	/** A bad cell of a CSV: its row (1 = the first row after the header), column, and the error's message code. */
	record CsvProblem(int row, String column, String code) {
	}

	/** Every measured class of the patient in the current period, lowest PDC first. */
	List<AdherenceView> current(PatientId patient);

	/** The classes below 80% in the current period as last computed (for the chart's header), lowest first. */
	List<AdherenceFlag> flags(PatientId patient);

	/** A drug class below 80%, as stored when the fills were last recorded. */
	record AdherenceFlag(DrugClass drugClass, String period, int percent) {
	}

	List<CostBarrier> costBarriers(PatientId patient);

	void recordCostBarrier(PatientId patient, String drugName, String barrier, @Nullable BigDecimal monthlyCost,
			@Nullable String alternative);
}
