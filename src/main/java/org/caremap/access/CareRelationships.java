package org.caremap.access;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** Records and ends the relationships that open a patient's record to a user. */
public interface CareRelationships {

	void open(UserId user, PatientId patient, RelationshipKind kind, String source);

	/** Moves every relationship of a merged patient record to the record it was merged into. */
	void repoint(PatientId from, PatientId to);

	/** Ends every open relationship of this kind and source. */
	void end(UserId user, PatientId patient, RelationshipKind kind, String source);
}
