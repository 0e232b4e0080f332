package org.caremap.workforce;

import java.util.List;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * One person's credentials (newest expiry first) and required trainings, whether they must hold a licence to take
 * cases, where they stand, and why they may not take new cases now (null when they may).
 */
public record StaffCredentials(UserId user, String name, List<CredentialView> credentials, List<TrainingStatus> trainings,
		boolean licenceRequired, Standing standing, @Nullable Refusal refusal) {

	public StaffCredentials {
		credentials = List.copyOf(credentials);
		trainings = List.copyOf(trainings);
	}
}
