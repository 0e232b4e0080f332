package org.caremap.measure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;

/**
 * The patient's self-reported measures. Recording needs the record's CONTRIBUTE purpose (the patient and a proxy the
 * patient lets see everything in the portal, the care team on the chart); reading needs READ. Both go through the one
 * access check and are audited. A reading out of a program's limits publishes {@link MeasureOutOfRange}.
 */
public interface Measures {

	/**
	 * Keeps the reading after checking it (a {@link org.caremap.shared.DomainException} with a code
	 * {@code measure.<field>-...} names the field at fault: systolic, diastolic, value, unit, takenAt, note).
	 */
	ReadingView record(NewReading reading);

	/** The patient's readings, latest first, at most this many. */
	List<ReadingView> readings(PatientId patient, int max);

	Optional<ReadingView> reading(UUID id);

	/** The limits of the patient's open cases' programs. */
	List<MeasureLimit> limitsFor(PatientId patient);

	/** The program's limits (anyone signed in as staff may read them; ADMIN sets them). */
	List<MeasureLimit> limits(ProgramId program);

	/** Sets (or, with no figure at all, clears) the program's limits for one kind. ADMIN only. */
	void setLimit(MeasureLimit limit);
}
