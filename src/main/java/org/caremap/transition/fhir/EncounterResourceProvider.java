package org.caremap.transition.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.shared.PatientId;
import org.caremap.transition.EncounterPage;
import org.caremap.transition.EncounterQuery;
import org.caremap.transition.EncounterRecord;
import org.caremap.transition.Transitions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Hospital stays and emergency visits learnt from the ADT feed as US Core Encounter: read, and search by patient,
 * date (the stay overlaps the range), class and last update with {@code _count}/{@code _offset} paging. A
 * patient's encounters are open to whoever may open the chart's stays tab, and every one read is audited.
 */
@Component
class EncounterResourceProvider implements IResourceProvider {

	private static final int DEFAULT_PAGE = 20;
	private static final int MAX_PAGE = 500;

	private final Transitions transitions;
	private final PatientResources patients;

	EncounterResourceProvider(Transitions transitions, PatientResources patients) {
		this.transitions = transitions;
		this.patients = patients;
	}

	@Override
	public Class<Encounter> getResourceType() {
		return Encounter.class;
	}

	@Read
	public Encounter read(@IdParam IdType id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ResourceNotFoundException(new IdType("Encounter", id.getIdPart()));
		}
		return EncounterMapping.toFhir(transitions.encounter(uuid).orElseThrow(() -> new ResourceNotFoundException(id)));
	}

	@Search
	public IBundleProvider search(
			@Description(shortDefinition = "The patient present at the encounter")
			@OptionalParam(name = Encounter.SP_PATIENT) @Nullable ReferenceParam patient,
			@Description(shortDefinition = "The patient present at the encounter")
			@OptionalParam(name = Encounter.SP_SUBJECT) @Nullable ReferenceParam subject,
			@Description(shortDefinition = "The encounter's period (admission to discharge) overlaps this range")
			@OptionalParam(name = Encounter.SP_DATE) @Nullable DateRangeParam date,
			@Description(shortDefinition = "Class of the encounter (v3 ActCode IMP, EMER, AMB, PRENC)")
			@OptionalParam(name = Encounter.SP_CLASS) @Nullable TokenOrListParam classes,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "Encounter:patient", "Encounter:subject" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		PatientId forPatient = patient(patient, subject);
		Set<String> patientClasses = patientClasses(classes);
		int size = count == null ? DEFAULT_PAGE : Math.min(Math.max(count, 0), MAX_PAGE);
		int from = offset == null ? 0 : Math.max(offset, 0);
		if (classes != null && patientClasses.isEmpty()) return new SimpleBundleProvider(List.of());
		EncounterQuery query = new EncounterQuery(forPatient,
				date == null ? null : instant(date.getLowerBoundAsInstant()),
				date == null ? null : instant(date.getUpperBoundAsInstant()), patientClasses,
				lastUpdated == null ? null : instant(lastUpdated.getLowerBoundAsInstant()),
				lastUpdated == null ? null : instant(lastUpdated.getUpperBoundAsInstant()));
		EncounterPage found = transitions.findEncounters(query, from, size);
		List<Encounter> page = new ArrayList<>();
		for (EncounterRecord e : found.encounters()) page.add(EncounterMapping.toFhir(e));
		if (FhirPage.wants(include, "Encounter:patient", "Encounter:subject")) {
			patients.resolve(page.stream().map(Encounter::getSubject).toList());
		}
		return new FhirPage(from, size).bundle(page, found.total());
	}

	/** The HL7 v2 patient classes the class tokens stand for; none when no token names a class Caremap knows. */
	private static Set<String> patientClasses(@Nullable TokenOrListParam classes) {
		Set<String> out = new HashSet<>();
		if (classes == null) return out;
		for (TokenParam token : classes.getValuesAsQueryTokens()) {
			if (token.getValue() == null || token.getValue().isBlank()) {
				throw new InvalidRequestException("class needs a code, such as IMP, EMER or AMB");
			}
			String system = token.getSystem();
			if (system != null && !system.isBlank() && !EncounterMapping.ACT_CODE.equals(system)) continue;
			out.addAll(EncounterMapping.CLASSES.getOrDefault(token.getValue(), Set.of()));
		}
		return out;
	}

	private static @Nullable PatientId patient(@Nullable ReferenceParam patient, @Nullable ReferenceParam subject) {
		UUID a = patient == null ? null : patientUuid(patient, Encounter.SP_PATIENT);
		UUID b = subject == null ? null : patientUuid(subject, Encounter.SP_SUBJECT);
		if (a != null && b != null && !a.equals(b)) {
			throw new InvalidRequestException("patient and subject name different patients");
		}
		UUID id = a != null ? a : b;
		return id == null ? null : new PatientId(id);
	}

	private static UUID patientUuid(ReferenceParam ref, String parameter) {
		if (ref.hasChain()) throw new InvalidRequestException("chained searches on " + parameter + " are not supported");
		if (ref.getResourceType() != null && !"Patient".equals(ref.getResourceType())) {
			throw new InvalidRequestException(parameter + " must reference a Patient");
		}
		try {
			return UUID.fromString(ref.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException(parameter + " must be Patient/<id>, not " + ref.getValue());
		}
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return date == null ? null : date.toInstant();
	}

}
