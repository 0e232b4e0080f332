package org.caremap.organization;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A practitioner or an organisation in the directory (a primary care practice, a specialist, a clinic). */
public record ProviderView(UUID id, Kind kind, String name, @Nullable String specialty, @Nullable String npi,
		@Nullable String phone, @Nullable String address) {

	/** Whether the entry is a person or an organisation. */
	public enum Kind {
		PRACTITIONER, ORGANIZATION
	}

	public ProviderView {
		if (name == null || name.isBlank()) throw new IllegalArgumentException("provider name is required");
		if (npi != null && !npi.matches("^[0-9]{10}$")) throw new IllegalArgumentException("an NPI has 10 digits");
	}
}
