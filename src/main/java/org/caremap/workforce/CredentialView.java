package org.caremap.workforce;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A credential of a member of staff, with its standing on the day it was read. */
public record CredentialView(UUID id, UserId user, CredentialKind kind, String type, @Nullable String state,
		@Nullable String number, LocalDate expiresOn, Standing standing, boolean superseded, String createdBy, int version) {
}
