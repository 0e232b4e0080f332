package org.caremap.access;

import java.util.Collection;
import java.util.Map;

import org.caremap.shared.PatientId;

/**
 * 42 CFR Part 2 segmentation, decided here for every path (pages, searches, timeline, FHIR, bulk export): whether
 * the current reader sees a patient's substance-use program records. They do when they care for the patient within
 * the program, when a consent to disclose names them for the purpose (records then carry the notice against
 * redisclosure, and the use is recorded as a disclosure), in an emergency through break-the-glass (with its
 * reason), or when the reader is the patient. Everyone else gets the other records and a count of those withheld.
 * Callers have checked the reader's access to the patient first.
 */
public interface Segmentation {

	/** The current reader's view of this patient's Part 2 records. */
	Part2Segment part2(PatientId patient);

	/** The same for many patients in a few queries (lists, searches, exports). */
	Map<PatientId, Part2Segment> part2(Collection<PatientId> patients);
}
