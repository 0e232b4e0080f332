package org.caremap.organization.fhir;

import java.util.Optional;
import java.util.Set;

import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Practitioners from an EHR's bundle join the provider directory (so patients' providers can be linked); one with
 * an NPI already listed is the same practitioner.
 */
@Component
class PractitionerImporter implements BundleImporter {

	private final Organizations organizations;
	private final ProviderDirectory directory;

	PractitionerImporter(Organizations organizations, ProviderDirectory directory) {
		this.organizations = organizations;
		this.directory = directory;
	}

	@Override
	public Set<String> types() {
		return Set.of("Practitioner");
	}

	@Override
	public int rank() {
		return 0;
	}

	@Override
	public ImportOutcome take(Resource resource, ImportContext context) {
		Practitioner p = (Practitioner) resource;
		String npi = p.getIdentifier().stream().filter(i -> PractitionerResourceProvider.NPI.equals(i.getSystem()))
			.map(Identifier::getValue).filter(v -> v != null && v.matches("[0-9]{10}")).findFirst().orElse(null);
		if (npi == null) return ImportOutcome.skipped("a practitioner without an NPI");
		if (!p.hasName()) return ImportOutcome.skipped("a practitioner without a name");
		OrganizationView org = organizations.primary().orElseThrow();
		Optional<ProviderView> known = directory.byNpi(org.id(), npi);
		if (known.isPresent()) return ImportOutcome.matched("Practitioner/" + known.get().id());
		HumanName name = p.getNameFirstRep();
		String display = (name.hasPrefix() ? name.getPrefixAsSingleString() + " " : "") + name.getGivenAsSingleString() + " "
				+ name.getFamily();
		String phone = p.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
			.map(ContactPoint::getValue).findFirst().orElse(null);
		String address = p.hasAddress() ? String.join(", ", p.getAddressFirstRep().getLine().stream().map(l -> l.getValue()).toList())
				+ (p.getAddressFirstRep().hasCity() ? ", " + p.getAddressFirstRep().getCity() : "") : null;
		ProviderView added = directory.add(org.id(), new ProviderView(java.util.UUID.randomUUID(), ProviderView.Kind.PRACTITIONER,
				display.trim().replaceAll("\\s+", " "), null, npi, phone, address));
		return ImportOutcome.created("Practitioner/" + added.id());
	}
}
