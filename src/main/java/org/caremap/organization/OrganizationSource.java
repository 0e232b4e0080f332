package org.caremap.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Organization;
import org.jspecify.annotations.Nullable;

/**
 * Other organisations Caremap knows, served by the FHIR {@code Organization} endpoint beside the organisation's own
 * and its provider directory: a module that keeps organisations of its own (the community resource directory)
 * contributes them by implementing this (HAPI serves one provider per resource type, and this module must not
 * depend on theirs).
 */
public interface OrganizationSource {

	Optional<Organization> read(UUID id);

	/** Those whose name matches (all when {@code name} is null), at most {@code limit}, by name. */
	List<Organization> search(@Nullable String name, int limit);
}
