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
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The patient's medication list as FHIR MedicationStatements (base R4): read; search by patient (or subject),
 * status and last update, paged. Each one served is authorized and audited by the medication module.
 */
@Component
class MedicationStatementResourceProvider implements IResourceProvider {

	private final Medications medications;
	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final PatientResources patients;

	MedicationStatementResourceProvider(Medications medications, JdbcClient jdbc, PatientAccess access, PatientResources patients) {
		this.medications = medications;
		this.jdbc = jdbc;
		this.access = access;
		this.patients = patients;
	}

	@Override
	public Class<MedicationStatement> getResourceType() {
		return MedicationStatement.class;
	}

	@Read
	public MedicationStatement read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = MedicationStatement.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = MedicationStatement.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = MedicationStatement.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "MedicationStatement:patient", "MedicationStatement:subject" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("medication_statement m").readableBy(access.readableScope(), "m.patient_id");
		if (patient != null) search.and("m.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("m.patient_id = ?", FhirSearch.patient(subject));
		if (status != null) search.and("m.status = ?", status.getValue());
		search.within("m.created_at", lastUpdated);
		IBundleProvider page = search.page(jdbc, "m.id", "m.created_at, m.id", offset, count, this::load);
		if (FhirPage.wants(include, "MedicationStatement:patient", "MedicationStatement:subject")) {
			patients.resolve(page.getResources(0, Integer.MAX_VALUE).stream().map(r -> ((MedicationStatement) r).getSubject()).toList());
		}
		return page;
	}

	private Optional<MedicationStatement> load(UUID id) {
		return medications.medication(id).map(MedicationFhir::toFhir);
	}

}
