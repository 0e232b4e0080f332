package org.caremap.patient.fhir;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.organization.Organizations;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Patients from an EHR's bundle: a patient holding one of the bundle patient's identifiers, or a probable
 * duplicate by demographics (the registry's own duplicate detection) whose identifiers do not contradict the
 * bundle's (another number in the same system), is the same patient, who gets the identifiers they did not have
 * yet; anyone else is registered.
 */
@Component
class PatientImporter implements BundleImporter {

	private final PatientRegistry registry;
	private final JdbcClient jdbc;
	private final Organizations organizations;
	private final PatientAccess access;

	PatientImporter(PatientRegistry registry, JdbcClient jdbc, Organizations organizations, PatientAccess access) {
		this.access = access;
		this.registry = registry;
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	@Override
	public Set<String> types() {
		return Set.of("Patient");
	}

	@Override
	public int rank() {
		return 10;
	}

	@Override
	public ImportOutcome take(Resource resource, ImportContext context) {
		Patient incoming = (Patient) resource;
		if (!incoming.hasBirthDate() || !incoming.hasName()) return ImportOutcome.skipped("a patient without a name or birth date");
		HumanName name = incoming.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
			.orElse(incoming.getNameFirstRep());
		Patient named = incoming.copy();
		named.getName().clear();
		named.addName(name);
		List<PatientIdentifier> identifiers = PatientResourceProvider.identifiers(withKnownTypes(named)).stream()
			.filter(i -> i.value().length() <= 200).toList();
		NewPatient fresh = new NewPatient(organizations.primary()
			.orElseThrow(() -> new IllegalStateException("no organisation yet: start Caremap once (it creates it) before importing")).id(), PatientResourceProvider.family(named),
				PatientResourceProvider.given(named), PatientResourceProvider.middle(named), PatientResourceProvider.birthDate(named),
				PatientResourceProvider.sex(named), PatientResourceProvider.telecom(named, ContactPoint.ContactPointSystem.PHONE),
				PatientResourceProvider.telecom(named, ContactPoint.ContactPointSystem.EMAIL), PatientResourceProvider.addressLine(named),
				named.hasAddress() ? named.getAddressFirstRep().getCity() : null,
				named.hasAddress() ? named.getAddressFirstRep().getState() : null,
				named.hasAddress() ? named.getAddressFirstRep().getPostalCode() : null, PatientResourceProvider.language(named),
				identifiers, List.of(), PatientResourceProvider.birthDatePrecision(named));
		Optional<PatientId> known = byIdentifier(identifiers);
		if (known.isEmpty()) {
			// similar demographics are the same person only if no identifier contradicts it: two record numbers of
			// the same hospital are two people (the registry shows them as possible duplicates for a person to judge)
			known = registry.probableMatches(fresh).stream().filter(c -> !contradicts(c, identifiers)).findFirst();
		}
		if (known.isPresent()) {
			PatientId patient = known.get();
			// saying "this patient is already here, at this id" is a read of their record: the caller must be
			// allowed it (a person's app may not learn of patients outside their care); the import audits the entry
			access.require(patient, AccessPurpose.READ);
			for (PatientIdentifier identifier : identifiers) {
				if (holder(identifier).isEmpty()) registry.addIdentifier(patient, identifier);
			}
			return ImportOutcome.matched("Patient/" + patient, patient);
		}
		PatientId created = registry.register(fresh);
		return ImportOutcome.created("Patient/" + created, created);
	}

	/** Identifiers of a type the registry keeps; one without a type is the sending system's own (PI). */
	private static Patient withKnownTypes(Patient patient) {
		Patient copy = patient.copy();
		copy.getIdentifier().removeIf(i -> !i.hasSystem() || !i.hasValue() || (i.hasType() && i.getType().hasCoding()
				&& !known(i.getType().getCodingFirstRep().getCode())));
		for (Identifier i : copy.getIdentifier()) {
			if (!i.hasType() || !i.getType().hasCoding()) {
				i.getType().addCoding().setSystem(PatientResourceProvider.V2_0203).setCode("PI");
			}
		}
		return copy;
	}

	private static boolean known(String code) {
		for (IdentifierType type : IdentifierType.values()) {
			if (type.name().equals(code)) return true;
		}
		return false;
	}

	private boolean contradicts(PatientId candidate, List<PatientIdentifier> identifiers) {
		for (PatientIdentifier identifier : identifiers) {
			boolean other = jdbc.sql("select exists (select 1 from patient_identifier where patient_id = ? and system = ? and value <> ?)")
				.params(candidate.value(), identifier.system(), identifier.value()).query(Boolean.class).single();
			if (other) return true;
		}
		return false;
	}

	private Optional<PatientId> byIdentifier(List<PatientIdentifier> identifiers) {
		for (PatientIdentifier identifier : identifiers) {
			Optional<PatientId> holder = holder(identifier);
			if (holder.isPresent()) return holder;
		}
		return Optional.empty();
	}

	private Optional<PatientId> holder(PatientIdentifier identifier) {
		return jdbc.sql("""
				select p.id from patient_identifier i join patient p on p.id = i.patient_id
				where i.system = ? and i.value = ? and not p.voided""")
			.params(identifier.system(), identifier.value())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.optional();
	}
}
