package org.caremap.community.fhir;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.community.DirectoryResources;
import org.caremap.organization.OrganizationSource;
import org.hl7.fhir.r4.model.Organization;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The directory's organisations, served by the organisation module's FHIR {@code Organization} endpoint. */
@Component
class CommunityOrganizations implements OrganizationSource {

	private final DirectoryResources resources;

	CommunityOrganizations(DirectoryResources resources) {
		this.resources = resources;
	}

	@Override
	public Optional<Organization> read(UUID id) {
		return resources.organization(id);
	}

	@Override
	public List<Organization> search(@Nullable String name, int limit) {
		return resources.organizations(name, limit);
	}
}
