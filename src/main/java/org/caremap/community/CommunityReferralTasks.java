package org.caremap.community;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.Task;

/**
 * Community referrals' fulfilment as FHIR Task (the SDOH Clinical Care shape: intent order, code fulfill, focus the
 * ServiceRequest, owner the Organization, status, statusReason, output the outcome), for the one Task provider (the
 * task module's), which serves these beside its own tasks. Access is checked and audited here.
 */
public interface CommunityReferralTasks {

	/** The referral's Task; empty when no community referral has this id. */
	Optional<Task> task(UUID id);

	/** The patient's referrals' Tasks, newest first. */
	List<Task> tasks(PatientId patient);

	/**
	 * A system's update: only the status (one step of the table), the statusReason and, when it completes the Task,
	 * the outcome in {@code output} may change; anything else sent different is refused.
	 */
	Task updateTask(UUID id, Task sent);
}
