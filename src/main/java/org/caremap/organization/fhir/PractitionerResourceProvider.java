package org.caremap.organization.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.organization.PractitionerResources;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.shared.UserId;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Practitioners (US Core Practitioner): Caremap's staff who work with patients (case managers, supervisors, care
 * team), identified by their user id, and the practitioners of the provider directory (primary care physicians,
 * specialists), identified by their NPI. Read; search by name and identifier; the
 * practitioners other resources' searches include.
 */
@Component
class PractitionerResourceProvider implements IResourceProvider, PractitionerResources {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitioner";
	static final String STAFF_SYSTEM = "urn:caremap:user";
	static final String DIRECTORY_SYSTEM = "urn:caremap:provider";
	static final String NPI = "http://hl7.org/fhir/sid/us-npi";

	private final UserAccounts users;
	private final ProviderDirectory directory;
	private final Organizations organizations;

	PractitionerResourceProvider(UserAccounts users, ProviderDirectory directory, Organizations organizations) {
		this.users = users;
		this.directory = directory;
		this.organizations = organizations;
	}

	@Override
	public Class<Practitioner> getResourceType() {
		return Practitioner.class;
	}

	@Read
	public Practitioner read(@IdParam IdType id) {
		UUID uuid = DirectoryPages.id(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		Optional<Practitioner> staff = users.find(new UserId(uuid)).filter(UserView::clinicalLike).map(PractitionerResourceProvider::staff);
		if (staff.isPresent()) return staff.get();
		return directory.find(uuid).filter(p -> p.kind() == ProviderView.Kind.PRACTITIONER).map(PractitionerResourceProvider::listed)
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Override
	public void resolve(Collection<Reference> references) {
		Map<String, List<Reference>> byId = new LinkedHashMap<>();
		for (Reference reference : references) {
			if (!"Practitioner".equals(reference.getReferenceElement().getResourceType())) continue;
			byId.computeIfAbsent(reference.getReferenceElement().getIdPart(), k -> new ArrayList<>()).add(reference);
		}
		byId.forEach((id, named) -> {
			try {
				Practitioner found = read(new IdType("Practitioner", id));
				named.forEach(r -> r.setResource(found));
			}
			catch (ResourceNotFoundException gone) {
				// a former colleague no longer in the directory: the reference keeps its display only
			}
		});
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Practitioner.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Practitioner.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		List<Practitioner> all = new ArrayList<>();
		users.list().stream().filter(UserView::clinicalLike).filter(UserView::enabled).map(PractitionerResourceProvider::staff).forEach(all::add);
		organizations.primary().ifPresent(org -> directory.all(org.id()).stream()
			.filter(p -> p.kind() == ProviderView.Kind.PRACTITIONER).map(PractitionerResourceProvider::listed).forEach(all::add));
		List<Practitioner> matching = all.stream()
			.filter(p -> name == null || DirectoryPages.matches(name.getValue(), p.getNameFirstRep().getText()))
			.filter(p -> identifier == null || p.getIdentifier().stream().anyMatch(i -> i.getValue().equals(identifier.getValue())
					&& (identifier.getSystem() == null || identifier.getSystem().isBlank() || identifier.getSystem().equals(i.getSystem()))))
			.sorted(Comparator.comparing((Practitioner p) -> p.getNameFirstRep().getFamily()).thenComparing(p -> p.getIdElement().getIdPart()))
			.toList();
		return DirectoryPages.page(matching, offset, count);
	}

	private static Practitioner staff(UserView user) {
		Practitioner p = base(user.id().value().toString(), user.displayName());
		p.addIdentifier().setSystem(STAFF_SYSTEM).setValue(user.username());
		p.setActive(user.enabled());
		if (user.email() != null) p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(user.email())
			.setUse(ContactPoint.ContactPointUse.WORK);
		return p;
	}

	private static Practitioner listed(ProviderView provider) {
		Practitioner p = base(provider.id().toString(), provider.name());
		if (provider.npi() != null) p.addIdentifier().setSystem(NPI).setValue(provider.npi());
		else p.addIdentifier().setSystem(DIRECTORY_SYSTEM).setValue(provider.id().toString());
		p.setActive(true);
		if (provider.phone() != null) p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(provider.phone())
			.setUse(ContactPoint.ContactPointUse.WORK);
		if (provider.address() != null) p.addAddress().setText(provider.address()).setUse(org.hl7.fhir.r4.model.Address.AddressUse.WORK);
		return p;
	}

	/** A name as staff and directories write it (Dana Whitfield, RN; Dr. Maya Shah): family is the last word before the credentials. */
	private static Practitioner base(String id, String displayName) {
		Practitioner p = new Practitioner();
		p.setId(id);
		p.getMeta().addProfile(PROFILE);
		String name = displayName.contains(",") ? displayName.substring(0, displayName.indexOf(',')).trim() : displayName.trim();
		String suffix = displayName.contains(",") ? displayName.substring(displayName.indexOf(',') + 1).trim() : "";
		String[] words = name.split("\\s+");
		HumanName human = p.addName().setText(displayName).setFamily(words[words.length - 1]);
		for (int i = 0; i < words.length - 1; i++) {
			if (words[i].matches("(?i)dr\\.?")) human.addPrefix(words[i]);
			else human.addGiven(words[i]);
		}
		if (!suffix.isEmpty()) human.addSuffix(suffix);
		return p;
	}
}
