package org.caremap.contact;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Progress notes: drafted, edited while a draft, signed (then locked), and added to by addenda. A note written in a
 * case of a 42 CFR Part 2 program is withheld from readers outside the program: not listed, not opened, not changed.
 */
public interface Notes {

	UUID draft(PatientId patient, @Nullable CaseId caseId, NoteContent content);

	/** Changes a draft; a signed note is refused ({@code note.signed}). */
	void edit(UUID note, NoteContent content);

	void sign(UUID note);

	void addendum(UUID note, String text);

	/** The note; one made in a Part 2 program the reader is outside of is refused ({@code WithheldRecord}). */
	Optional<NoteView> find(UUID note);

	/** The patient's notes the reader may see. */
	default List<NoteView> ofPatient(PatientId patient) {
		return shown(patient).rows();
	}

	/** The patient's notes as the reader sees them, with how many were withheld under 42 CFR Part 2. */
	Shown<NoteView> shown(PatientId patient);
}
