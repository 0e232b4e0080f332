package org.caremap.medication.fhir;

import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.FhirSearch;
import org.caremap.medication.Medications;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The patient's allergies and intolerances as US Core AllergyIntolerances: read; search by patient, clinical
 * status and last update, paged. Each one served is authorized and audited by the medication module.
 */
@Component
class AllergyIntoleranceResourceProvider implements IResourceProvider {

	private final Medications medications;
	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final PatientResources patients;

	AllergyIntoleranceResourceProvider(Medications medications, JdbcClient jdbc, PatientAccess access, PatientResources patients) {
		this.medications = medications;
		this.jdbc = jdbc;
		this.access = access;
		this.patients = patients;
	}

	@Override
	public Class<AllergyIntolerance> getResourceType() {
		return AllergyIntolerance.class;
	}

	@Read
	public AllergyIntolerance read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = AllergyIntolerance.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = AllergyIntolerance.SP_CLINICAL_STATUS) @Nullable TokenParam clinicalStatus,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "AllergyIntolerance:patient" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("allergy_intolerance a").readableBy(access.readableScope(), "a.patient_id");
		if (patient != null) search.and("a.patient_id = ?", FhirSearch.patient(patient));
		if (clinicalStatus != null) search.and("a.clinical_status = ?", clinicalStatus.getValue());
		search.within("a.created_at", lastUpdated);
		IBundleProvider page = search.page(jdbc, "a.id", "a.created_at, a.id", offset, count, this::load);
		if (FhirPage.wants(include, "AllergyIntolerance:patient")) {
			patients.resolve(page.getResources(0, Integer.MAX_VALUE).stream().map(r -> ((AllergyIntolerance) r).getPatient()).toList());
		}
		return page;
	}

	private Optional<AllergyIntolerance> load(UUID id) {
		return medications.allergy(id).map(MedicationFhir::toFhir);
	}

}
