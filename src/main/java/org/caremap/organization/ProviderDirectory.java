package org.caremap.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.OrganizationId;

/** The practitioners and organisations patients are cared by. */
public interface ProviderDirectory {

	List<ProviderView> all(OrganizationId organization);

	Optional<ProviderView> find(UUID id);

	/** The directory entry holding this NPI, if any. */
	Optional<ProviderView> byNpi(OrganizationId organization, String npi);

	ProviderView add(OrganizationId organization, ProviderView provider);
}
