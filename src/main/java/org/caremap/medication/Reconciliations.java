package org.caremap.medication;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Medication reconciliation, per transition (tied to a hospital stay) or on demand. Starting one copies the current
 * list into the first column; the discharge list and what the patient takes are added line by line (or imported);
 * discrepancies are found each time a line changes. Signing needs every line decided, makes the result the current
 * list, and publishes {@link ReconciliationSigned}; a signed reconciliation is final (the database refuses changes).
 */
public interface Reconciliations {

	/** Which column a line written by hand goes to. */
	enum Column {
		DISCHARGE, PATIENT
	}

	List<ReconciliationView> ofPatient(PatientId patient);

	Optional<ReconciliationView> find(UUID id);

	UUID start(PatientId patient, @Nullable UUID encounter, @Nullable String note);

	/** Adds the entry to the column: to the line of the same drug if there is one, else as a new line. */
	void add(UUID reconciliation, Column column, MedicationEntry entry);

	/**
	 * Adds the medications the patient's EHRs sent (the active FHIR MedicationStatements and MedicationRequests Caremap
	 * imported) to the column; returns how many. A drug the column has already is not added twice.
	 */
	int addFromRecords(UUID reconciliation, Column column);

	void decide(UUID reconciliation, UUID line, Decision decision, String reason, ReconciliationLine.@Nullable Column result);

	void sign(UUID reconciliation);

	void cancel(UUID reconciliation, String reason);
}
