package org.caremap.team;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Case conferences: planned with attendees (Caremap users, and people outside Caremap by name and role) and cases,
 * held with notes and decisions per case, then signed (locked). A case's content is shown only to those who may read
 * the patient's record, and every read and change of it is audited; a change to a case needs contribute access to the
 * patient's record. A change to a signed or cancelled conference is refused ({@code team.conference-locked}). A
 * decision with an owner and a due date publishes {@link DecisionRecorded}, from which the task module makes a task.
 */
public interface Conferences {

	UUID plan(NewConference conference);

	Optional<ConferenceView> find(UUID id);

	/** Newest first. */
	ConferencePage list(int offset, int limit);

	void addCase(UUID conference, CaseId caseId);

	void addAttendee(UUID conference, UserId user);

	void addGuest(UUID conference, ConferenceGuest guest);

	/** Replaces the notes of a case on the agenda. */
	void saveNotes(UUID conference, UUID item, @Nullable String notes);

	/**
	 * Records a decision about a case. With an owner (who must be able to open the patient's record) and a due date
	 * (today or later) it becomes a task; with neither it is a decision only.
	 */
	UUID recordDecision(UUID conference, UUID item, String text, @Nullable UserId owner, @Nullable LocalDate dueOn);

	/** Signs the record: nothing changes it afterwards. */
	void sign(UUID conference);

	void cancel(UUID conference, String reason);

	/** The cases the current user may put on an agenda (their caseload; a supervisor's teams' caseloads). */
	List<ConferenceCase> candidates();

	/**
	 * Who may own a decision about each case on the agenda the current user may contribute to: the staff who can open
	 * the patient's record (one list of the staff, one check per case).
	 */
	java.util.Map<UUID, List<Person>> owners(UUID conference);

	/** Caremap users who may attend (staff in clinical roles), with their names. */
	List<Person> staff();

	/** A Caremap user by name. */
	record Person(UserId id, String name) {
	}
}
