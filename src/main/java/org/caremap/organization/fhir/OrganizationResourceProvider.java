package org.caremap.organization.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.organization.OrganizationSource;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Organizations (US Core Organization): the care-management organisation this installation serves and the
 * organisations of its provider directory (practices, clinics), and those other modules contribute through
 * {@link OrganizationSource} (the community resource directory's). Read; search by name.
 */
@Component
class OrganizationResourceProvider implements IResourceProvider {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization";

	/** The most organisations one contributing source adds to a search. */
	static final int SOURCE_LIMIT = 1000;

	private final Organizations organizations;
	private final ProviderDirectory directory;
	private final List<OrganizationSource> sources;

	OrganizationResourceProvider(Organizations organizations, ProviderDirectory directory, List<OrganizationSource> sources) {
		this.organizations = organizations;
		this.directory = directory;
		this.sources = List.copyOf(sources);
	}

	@Override
	public Class<Organization> getResourceType() {
		return Organization.class;
	}

	@Read
	public Organization read(@IdParam IdType id) {
		UUID uuid = DirectoryPages.id(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		return all().stream().filter(o -> o.getIdElement().getIdPart().equals(uuid.toString())).findFirst()
			.or(() -> sources.stream().map(s -> s.read(uuid)).flatMap(java.util.Optional::stream).findFirst())
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Organization.SP_NAME) @Nullable StringParam name,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		List<Organization> matching = new ArrayList<>(all().stream()
			.filter(o -> name == null || DirectoryPages.matches(name.getValue(), o.getName()))
			.toList());
		for (OrganizationSource source : sources) matching.addAll(source.search(name == null ? null : name.getValue(), SOURCE_LIMIT));
		matching.sort(Comparator.comparing(Organization::getName));
		return DirectoryPages.page(matching, offset, count);
	}

	private List<Organization> all() {
		List<Organization> all = new ArrayList<>();
		organizations.primary().ifPresent(org -> {
			all.add(own(org));
			directory.all(org.id()).stream().filter(p -> p.kind() == ProviderView.Kind.ORGANIZATION)
				.map(OrganizationResourceProvider::listed).forEach(all::add);
		});
		return all;
	}

	private static Organization own(OrganizationView org) {
		Organization o = new Organization();
		o.setId(org.id().value().toString());
		o.getMeta().addProfile(PROFILE);
		o.setActive(true);
		o.setName(org.name());
		o.addIdentifier().setSystem("urn:caremap:organization").setValue(org.id().value().toString());
		o.addType(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/organization-type",
				"prov", "Healthcare Provider")));
		return o;
	}

	private static Organization listed(ProviderView provider) {
		Organization o = new Organization();
		o.setId(provider.id().toString());
		o.getMeta().addProfile(PROFILE);
		o.setActive(true);
		o.setName(provider.name());
		if (provider.npi() != null) o.addIdentifier().setSystem(PractitionerResourceProvider.NPI).setValue(provider.npi());
		o.addType(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/organization-type",
				"prov", "Healthcare Provider")));
		if (provider.phone() != null) o.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(provider.phone())
			.setUse(ContactPoint.ContactPointUse.WORK);
		if (provider.address() != null) o.addAddress().setText(provider.address());
		return o;
	}
}
