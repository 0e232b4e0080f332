package org.caremap.measure.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.FhirSearch;
import org.caremap.measure.MeasureKind;
import org.caremap.measure.Measures;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Caremap's one Observation provider: the self-reported measures (see {@link MeasureFhir}). Read; search by patient
 * (or subject), category, code and date, paged; only the patients the caller may read are searched (a patient token:
 * its own patient), and each Observation served is authorized and audited by the measure module.
 */
@Component
class ObservationResourceProvider implements IResourceProvider {

	private final Measures measures;
	private final JdbcClient jdbc;
	private final PatientAccess access;

	ObservationResourceProvider(Measures measures, JdbcClient jdbc, PatientAccess access) {
		this.measures = measures;
		this.jdbc = jdbc;
		this.access = access;
	}

	@Override
	public Class<Observation> getResourceType() {
		return Observation.class;
	}

	@Read
	public Observation read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Observation.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Observation.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = Observation.SP_CATEGORY) @Nullable TokenOrListParam category,
			@OptionalParam(name = Observation.SP_CODE) @Nullable TokenOrListParam code,
			@OptionalParam(name = Observation.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("measure_reading m").readableBy(access.readableScope(), "m.patient_id")
			.and("not m.voided");
		if (patient != null) search.and("m.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("m.patient_id = ?", FhirSearch.patient(subject));
		if (category != null) search.and(in(kinds(category, true)), (Object[]) names(kinds(category, true)));
		if (code != null) search.and(in(kinds(code, false)), (Object[]) names(kinds(code, false)));
		search.within("m.taken_at", date);
		search.within("m.created_at", lastUpdated);
		return search.page(jdbc, "m.id", "m.taken_at desc, m.id", offset, count, this::load);
	}

	/** The kinds matching any of the tokens (a category, or a code with or without its system). */
	private static List<MeasureKind> kinds(TokenOrListParam tokens, boolean byCategory) {
		List<MeasureKind> out = new ArrayList<>();
		for (TokenParam t : tokens.getValuesAsQueryTokens()) {
			for (MeasureKind k : MeasureKind.values()) {
				String value = byCategory ? MeasureFhir.category(k) : MeasureFhir.code(k);
				String system = byCategory ? MeasureFhir.CATEGORY : k == MeasureKind.MOOD ? MeasureFhir.MEASURE_SYSTEM : MeasureFhir.LOINC;
				boolean systemOk = t.getSystem() == null || t.getSystem().isEmpty() || t.getSystem().equals(system);
				if (systemOk && value.equals(t.getValue()) && !out.contains(k)) out.add(k);
			}
		}
		return out;
	}

	private static String in(List<MeasureKind> kinds) {
		if (kinds.isEmpty()) return "false";
		return "m.kind in (" + String.join(", ", kinds.stream().map(k -> "?").toList()) + ")";
	}

	private static String[] names(List<MeasureKind> kinds) {
		return kinds.stream().map(Enum::name).toArray(String[]::new);
	}

	private Optional<Observation> load(UUID id) {
		return measures.reading(id).map(MeasureFhir::toFhir);
	}
}
