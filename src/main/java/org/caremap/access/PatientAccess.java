package org.caremap.access;

import java.util.Set;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * The one check every path to patient data goes through (pages, FHIR, jobs). A refusal is audited and published
 * as {@link AccessDenied}, and surfaces as Spring Security's {@code AccessDeniedException}.
 */
public interface PatientAccess {

	/** Refuses (throws) unless the current user may act on this patient's record for this purpose. */
	void require(PatientId patient, AccessPurpose purpose);

	boolean permits(PatientId patient, AccessPurpose purpose);

	/** Everything the current user may do with this patient's record (one query; for pages that offer actions). */
	Set<AccessPurpose> allowed(PatientId patient);

	/** Which of these patients the current user may read (one query for a whole list page). */
	Set<PatientId> readable(java.util.Collection<PatientId> patients);

	/** Whether another user (not the current one) could open this patient's record through their relationships. */
	boolean canRead(UserId user, PatientId patient);

	/**
	 * Which of these users (not the current one) could open this patient's record through their relationships or
	 * supervision: one query per source, whatever the number of users (a list of people to give work to).
	 */
	Set<UserId> readersAmong(PatientId patient, java.util.Collection<UserId> users);

	/** Whether anyone at all cares for this patient (a bare registration has no relationship yet). */
	boolean cared(PatientId patient);

	/** Patients this user has an active relationship with. */
	Set<PatientId> patientsOf(UserId user);

	/**
	 * The patients the current user may read, for searches over many patients: {@code null} when the actor is
	 * Caremap itself or a system acting for the whole organisation (every patient), an empty set for someone who
	 * reads no record.
	 */
	java.util.@org.jspecify.annotations.Nullable Set<PatientId> readableScope();
}
