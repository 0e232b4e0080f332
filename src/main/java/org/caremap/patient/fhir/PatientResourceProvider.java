package org.caremap.patient.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.FhirSearch;
import org.caremap.organization.Organizations;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.Demographics;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.PatientResources;
import org.caremap.patient.Sex;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Patients as FHIR (US Core Patient): read, search by identifier, name, family, given, birth date, gender and
 * last update with {@code _count}/{@code _offset} paging, create and update of demographics, all through the
 * registry's API (the same authorization, duplicate rules and audit as the pages). Also the patients other
 * resources' searches include, read the same way.
 */
@Component
class PatientResourceProvider implements IResourceProvider, PatientResources {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
	static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

	private final PatientRegistry registry;
	private final Organizations organizations;
	private final PatientAccess access;
	private final FhirPatientRows rows;

	PatientResourceProvider(PatientRegistry registry, Organizations organizations, PatientAccess access, FhirPatientRows rows) {
		this.registry = registry;
		this.organizations = organizations;
		this.access = access;
		this.rows = rows;
	}

	@Override
	public Class<Patient> getResourceType() {
		return Patient.class;
	}

	@Read
	public Patient read(@IdParam IdType id) {
		return rows.read(patientId(id.getIdPart())).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	/**
	 * Identifier (system|value, or a value in any system), {@code name} (any of family, given and middle names),
	 * {@code family}, {@code given} (FHIR string search: starts with the value, ignoring case and accents;
	 * {@code :exact} and {@code :contains} as FHIR defines them), birth date, gender and last update; paged.
	 */
	@Search
	public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) @Nullable TokenParam identifier,
			@OptionalParam(name = Patient.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Patient.SP_FAMILY) @Nullable StringParam family,
			@OptionalParam(name = Patient.SP_GIVEN) @Nullable StringParam given,
			@OptionalParam(name = Patient.SP_BIRTHDATE) @Nullable DateRangeParam birthdate,
			@OptionalParam(name = Patient.SP_GENDER) @Nullable TokenParam gender,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		return rows.search(identifier, name, family, given, birthdate, gender, lastUpdated, offset, count);
	}

	@Override
	public void resolve(Collection<Reference> references) {
		Map<PatientId, List<Reference>> byPatient = new LinkedHashMap<>();
		for (Reference reference : references) {
			if (!"Patient".equals(reference.getReferenceElement().getResourceType())) continue;
			FhirSearch.id(reference.getReferenceElement().getIdPart())
				.ifPresent(id -> byPatient.computeIfAbsent(new PatientId(id), k -> new ArrayList<>()).add(reference));
		}
		if (byPatient.isEmpty()) return;
		Set<PatientId> readable = access.readable(byPatient.keySet());
		for (Patient found : rows.load(byPatient.keySet().stream().filter(readable::contains).toList())) {
			byPatient.get(new PatientId(UUID.fromString(found.getIdPart()))).forEach(r -> r.setResource(found));
		}
	}

	@Create
	public MethodOutcome create(@ResourceParam Patient patient) {
		NewPatient fresh = new NewPatient(organizations.primary().orElseThrow().id(), family(patient), given(patient),
				middle(patient), birthDate(patient), sex(patient), telecom(patient, ContactPoint.ContactPointSystem.PHONE),
				telecom(patient, ContactPoint.ContactPointSystem.EMAIL), addressLine(patient),
				patient.hasAddress() ? patient.getAddressFirstRep().getCity() : null,
				patient.hasAddress() ? patient.getAddressFirstRep().getState() : null,
				patient.hasAddress() ? patient.getAddressFirstRep().getPostalCode() : null, language(patient),
				identifiers(patient), List.of(), birthDatePrecision(patient));
		PatientId id = registry.register(fresh);
		MethodOutcome outcome = new MethodOutcome(new IdType("Patient", id.toString()), true);
		outcome.setResource(read(new IdType("Patient", id.toString())));
		return outcome;
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Patient patient) {
		PatientId patientId = patientId(id.getIdPart());
		PatientDetails before = registry.details(patientId).orElseThrow(() -> new ResourceNotFoundException(id));
		registry.update(patientId, new Demographics(family(patient), given(patient), middle(patient), birthDate(patient),
				sex(patient), telecom(patient, ContactPoint.ContactPointSystem.PHONE),
				telecom(patient, ContactPoint.ContactPointSystem.EMAIL), addressLine(patient),
				patient.hasAddress() ? patient.getAddressFirstRep().getCity() : null,
				patient.hasAddress() ? patient.getAddressFirstRep().getState() : null,
				patient.hasAddress() ? patient.getAddressFirstRep().getPostalCode() : null, language(patient),
				before.contactMethod(), before.contactTimes(), before.interpreterNeeded(), birthDatePrecision(patient)));
		for (PatientIdentifier identifier : identifiers(patient)) {
			boolean known = before.identifiers().stream()
				.anyMatch(i -> i.system().equals(identifier.system()) && i.value().equals(identifier.value()));
			if (!known) registry.addIdentifier(patientId, identifier);
		}
		MethodOutcome outcome = new MethodOutcome(new IdType("Patient", id.getIdPart()), false);
		outcome.setResource(read(new IdType("Patient", id.getIdPart())));
		return outcome;
	}

	/** What a FHIR Patient shows of a patient. */
	record Shown(PatientId id, String familyName, String givenName, @Nullable String middleName,
			String birthDateAsKnown, Sex sex, @Nullable String phone, @Nullable String email, @Nullable String addressLine,
			@Nullable String city, @Nullable String state, @Nullable String postalCode, String preferredLanguage,
			List<PatientIdentifier> identifiers) {
	}

	static Patient toFhir(Shown d, java.time.Instant lastUpdated) {
		Patient p = new Patient();
		p.setId(d.id().toString());
		p.getMeta().addProfile(PROFILE).setLastUpdated(Date.from(lastUpdated));
		for (PatientIdentifier i : d.identifiers()) {
			Identifier id = p.addIdentifier().setSystem(i.system()).setValue(i.value());
			id.setType(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(V2_0203, i.type().name(), null)));
			id.setAssigner(new Reference().setDisplay(i.assigner()));
		}
		HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(d.familyName())
			.addGiven(d.givenName());
		if (d.middleName() != null && !d.middleName().isBlank()) name.addGiven(d.middleName());
		if (d.phone() != null) p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(d.phone())
			.setUse(ContactPoint.ContactPointUse.HOME);
		if (d.email() != null) p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(d.email());
		p.setGender(gender(d.sex()));
		// served back as precisely as it was given (1950, 1950-05 or a whole date)
		p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(d.birthDateAsKnown()));
		if (d.addressLine() != null || d.city() != null || d.postalCode() != null) {
			Address a = p.addAddress().setUse(Address.AddressUse.HOME);
			if (d.addressLine() != null) a.addLine(d.addressLine());
			a.setCity(d.city()).setState(d.state()).setPostalCode(d.postalCode());
		}
		p.addCommunication()
			.setLanguage(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding("urn:ietf:bcp:47",
					d.preferredLanguage(), java.util.Locale.forLanguageTag(d.preferredLanguage())
						.getDisplayLanguage(java.util.Locale.ENGLISH))))
			.setPreferred(true);
		p.setActive(true);
		return p;
	}

	private static AdministrativeGender gender(Sex sex) {
		switch (sex) {
			case FEMALE:
				return AdministrativeGender.FEMALE;
			case MALE:
				return AdministrativeGender.MALE;
			case OTHER:
				return AdministrativeGender.OTHER;
			default:
				return AdministrativeGender.UNKNOWN;
		}
	}

	private static PatientId patientId(String id) {
		return new PatientId(FhirSearch.id(id).orElseThrow(() -> new ResourceNotFoundException(new IdType("Patient", id))));
	}

	static String family(Patient p) {
		if (!p.hasName() || !p.getNameFirstRep().hasFamily()) throw new InvalidRequestException("Patient.name.family is required");
		return p.getNameFirstRep().getFamily();
	}

	static String given(Patient p) {
		if (!p.getNameFirstRep().hasGiven()) throw new InvalidRequestException("Patient.name.given is required");
		return p.getNameFirstRep().getGiven().get(0).getValue();
	}

	static @Nullable String middle(Patient p) {
		return p.getNameFirstRep().getGiven().size() > 1 ? p.getNameFirstRep().getGiven().get(1).getValue() : null;
	}

	/** The birth date's first day as far as it is known (1950 is 1950-01-01, 1950-05 is 1950-05-01). */
	static LocalDate birthDate(Patient p) {
		if (!p.hasBirthDate()) throw new InvalidRequestException("Patient.birthDate is required");
		String text = p.getBirthDateElement().getValueAsString();
		try {
			return switch (birthDatePrecision(p)) {
				case YEAR -> LocalDate.of(Integer.parseInt(text.substring(0, 4)), 1, 1);
				case MONTH -> LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)), 1);
				case DAY -> LocalDate.parse(text.substring(0, 10));
			};
		}
		catch (RuntimeException ex) {
			throw new InvalidRequestException("Patient.birthDate '" + text + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
		}
	}

	static org.caremap.patient.DatePrecision birthDatePrecision(Patient p) {
		if (!p.hasBirthDate()) return org.caremap.patient.DatePrecision.DAY;
		return switch (p.getBirthDateElement().getPrecision()) {
			case YEAR -> org.caremap.patient.DatePrecision.YEAR;
			case MONTH -> org.caremap.patient.DatePrecision.MONTH;
			default -> org.caremap.patient.DatePrecision.DAY;
		};
	}

	static Sex sex(Patient p) {
		if (!p.hasGender()) return Sex.UNKNOWN;
		switch (p.getGender()) {
			case FEMALE:
				return Sex.FEMALE;
			case MALE:
				return Sex.MALE;
			case OTHER:
				return Sex.OTHER;
			default:
				return Sex.UNKNOWN;
		}
	}

	static @Nullable String telecom(Patient p, ContactPoint.ContactPointSystem system) {
		return p.getTelecom().stream().filter(t -> t.getSystem() == system).map(ContactPoint::getValue).findFirst().orElse(null);
	}

	static @Nullable String addressLine(Patient p) {
		return p.hasAddress() && p.getAddressFirstRep().hasLine() ? p.getAddressFirstRep().getLine().get(0).getValue() : null;
	}

	static String language(Patient p) {
		return p.getCommunication().stream().filter(c -> c.getLanguage().hasCoding() && c.getLanguage().getCodingFirstRep().hasCode())
			.map(c -> c.getLanguage().getCodingFirstRep().getCode().split("-")[0].toLowerCase(Locale.ROOT)).findFirst().orElse("en");
	}

	static List<PatientIdentifier> identifiers(Patient p) {
		List<PatientIdentifier> out = new ArrayList<>();
		for (Identifier i : p.getIdentifier()) {
			if (!i.hasSystem() || !i.hasValue()) throw new InvalidRequestException("Patient.identifier needs a system and a value");
			IdentifierType type = IdentifierType.MR;
			if (i.hasType() && i.getType().hasCoding()) {
				try {
					type = IdentifierType.valueOf(i.getType().getCodingFirstRep().getCode());
				}
				catch (IllegalArgumentException | NullPointerException ex) {
					type = IdentifierType.PI;
				}
			}
			String assigner = i.hasAssigner() && i.getAssigner().hasDisplay() ? i.getAssigner().getDisplay() : i.getSystem();
			out.add(new PatientIdentifier(type, i.getSystem(), i.getValue(), assigner));
		}
		return out;
	}
}
