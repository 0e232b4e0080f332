package org.caremap.access;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * Tells whether a supervisor oversees a patient (for example through a case in a program they supervise).
 * Implemented by the module that knows the cases; consulted by the access check.
 */
public interface SupervisionScope {

	boolean supervises(UserId supervisor, PatientId patient);

	/** Which of these patients the supervisor oversees (one query where the implementation can). */
	default java.util.Set<PatientId> supervisedAmong(UserId supervisor, java.util.Collection<PatientId> patients) {
		java.util.Set<PatientId> out = new java.util.HashSet<>();
		for (PatientId patient : patients) {
			if (supervises(supervisor, patient)) out.add(patient);
		}
		return out;
	}

	/** Which of these users oversee the patient (one query where the implementation can). */
	default java.util.Set<UserId> supervisorsAmong(PatientId patient, java.util.Collection<UserId> users) {
		java.util.Set<UserId> out = new java.util.HashSet<>();
		for (UserId user : users) {
			if (supervises(user, patient)) out.add(user);
		}
		return out;
	}

	/** Every patient the supervisor oversees (for searches that must be limited to them). */
	default java.util.Set<PatientId> supervised(UserId supervisor) {
		return java.util.Set.of();
	}
}
