package org.caremap.contact;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** Progress notes: drafted, edited while a draft, signed (then locked), and added to by addenda. */
public interface Notes {

	UUID draft(PatientId patient, @Nullable CaseId caseId, NoteContent content);

	/** Changes a draft; a signed note is refused ({@code note.signed}). */
	void edit(UUID note, NoteContent content);

	void sign(UUID note);

	void addendum(UUID note, String text);

	Optional<NoteView> find(UUID note);

	List<NoteView> ofPatient(PatientId patient);
}
