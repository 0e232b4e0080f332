package org.caremap.transition;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The ADT message log (for the hospital's IT team and administrators: no patient details), the queue of messages
 * no patient could be found for (for intake: they link or register the patient, and the message is applied), and
 * the recent discharges and ED visits the outreach list is made of.
 */
public interface Transitions {

	/** The latest messages, optionally of one status (RECEIVED, APPLIED, STORED, UNMATCHED, ERROR, REJECTED). */
	List<AdtMessageView> messages(@Nullable String status, int limit);

	/** Messages waiting for a person to say who the patient is, with their text (intake and supervisors). */
	List<AdtMessageView> unmatched(int limit);

	Optional<AdtMessageView> message(UUID id);

	/** Applies a stored message again (after a fix or a new patient record); returns its new status. */
	String reprocess(UUID message);

	/** Says who an unmatched message is about, and applies it to that patient. */
	String link(UUID message, PatientId patient);

	/** The patient's stays and visits, newest first (authorized by the patient relationship and audited). */
	List<EncounterView> encounters(PatientId patient);

	/** One stay or visit, authorized and audited like the patient's list of them. */
	Optional<EncounterRecord> encounter(UUID id);

	/**
	 * Stays and visits matching the query, of the patients the current user may read, newest first; one page of
	 * at most {@code limit} from {@code offset}, each one read audited.
	 */
	EncounterPage findEncounters(EncounterQuery query, int offset, int limit);

	/** Records one line of a stay's discharge-planning checklist. */
	void check(UUID encounter, EncounterView.ChecklistItem item, boolean done, @Nullable String note);

	/**
	 * Discharges and ED visits of the last {@code days} days (at most 500), leaving out the patients the caller
	 * names among those given (the patients already in care management, for the outreach list).
	 */
	List<OutreachRow> outreach(int days, @Nullable Integer minLace, @Nullable String patientClass,
			java.util.function.Function<java.util.Collection<PatientId>, java.util.Set<PatientId>> leaveOut);
}
