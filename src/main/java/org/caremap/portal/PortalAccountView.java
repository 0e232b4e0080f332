package org.caremap.portal;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A portal account as staff see it: whose, its state, whether it has a second factor, its last sign-in. */
public record PortalAccountView(UUID id, PatientId patient, @Nullable UUID supportContact, String displayName,
		Status status, @Nullable String login, @Nullable String email, boolean secondFactor,
		@Nullable Instant lastSignIn, Instant createdAt, @Nullable Instant invitationExpires) {

	public enum Status {
		INVITED, ACTIVE, REVOKED
	}
}
