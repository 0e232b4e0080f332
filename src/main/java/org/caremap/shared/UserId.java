package org.caremap.shared;

import java.util.UUID;

/** Identifies a user account. */
public record UserId(UUID value) {
	public UserId {
		if (value == null) throw new IllegalArgumentException("user id is required");
	}

	public static UserId of(String text) {
		return new UserId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
