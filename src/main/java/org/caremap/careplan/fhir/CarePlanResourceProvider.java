package org.caremap.careplan.fhir;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Care plans as FHIR (US Core CarePlan), one living plan per case at its current version: read, and search by
 * patient ({@code subject} or {@code patient}), status and last update with {@code _count}/{@code _offset} paging,
 * all read through the care-plan API (the same authorization and audit as the pages).
 */
@Component
class CarePlanResourceProvider implements IResourceProvider {

	/** Plans whose current version holds no item at all (FHIR status draft). */
	static final String EMPTY = """
			(jsonb_array_length(v.content -> 'problems') + jsonb_array_length(v.content -> 'goals')
			 + jsonb_array_length(v.content -> 'interventions') + jsonb_array_length(v.content -> 'barriers')) = 0""";

	private final CarePlans plans;
	private final CarePlanFhir fhir;
	private final JdbcClient jdbc;
	private final PatientResources patients;
	private final org.caremap.access.PatientAccess access;
	private final Segmentation segmentation;
	private final Part2Labels labels;

	CarePlanResourceProvider(CarePlans plans, CarePlanFhir fhir, JdbcClient jdbc, PatientResources patients,
			org.caremap.access.PatientAccess access, Segmentation segmentation, Part2Labels labels) {
		this.segmentation = segmentation;
		this.labels = labels;
		this.access = access;
		this.plans = plans;
		this.fhir = fhir;
		this.jdbc = jdbc;
		this.patients = patients;
	}

	@Override
	public Class<CarePlan> getResourceType() {
		return CarePlan.class;
	}

	@Read
	public CarePlan read(@IdParam IdType id) {
		UUID plan = uuid(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		// the plan of a case in a Part 2 program: refused (403) to a reader outside it, labelled for the others
		return plans.find(plan)
			.map(p -> label(fhir.carePlan(p), segmentation.part2(p.patient()).labels(p.caseId().value())))
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = CarePlan.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = CarePlan.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = CarePlan.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@IncludeParam(allow = { "CarePlan:subject", "CarePlan:patient", "CarePlan:goal" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		StringBuilder where = new StringBuilder(" " + """
				from care_plan p join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				where true""");
		List<Object> params = new ArrayList<>();
		// only the plans of the patients the caller may read are counted and paged (null: all, for a system)
		java.util.Set<org.caremap.shared.PatientId> readable = access.readableScope();
		if (readable != null) {
			where.append(" and p.patient_id = any(?)");
			params.add(readable.stream().map(org.caremap.shared.PatientId::value).toArray(UUID[]::new));
		}
		for (ReferenceParam who : new ReferenceParam[] { subject, patient }) {
			if (who == null) continue;
			where.append(" and p.patient_id = ?");
			params.add(patientId(who));
		}
		if (status != null) where.append(statusCondition(status.getValue()));
		if (lastUpdated != null) {
			if (lastUpdated.getLowerBoundAsInstant() != null) {
				where.append(" and coalesce(p.updated_at, p.created_at) >= ?");
				params.add(lastUpdated.getLowerBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
			}
			if (lastUpdated.getUpperBoundAsInstant() != null) {
				where.append(" and coalesce(p.updated_at, p.created_at) <= ?");
				params.add(lastUpdated.getUpperBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
			}
		}
		// the plans of Part 2 cases the reader is outside of leave the count and the pages (counted in the outcome)
		Map<PatientId, Part2Segment> every = segmentation.part2(jdbc.sql("select distinct p.patient_id" + where).params(params)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
		UUID[] hidden = every.values().stream().flatMap(g -> g.withheldCases().stream()).toArray(UUID[]::new);
		int left = 0;
		if (hidden.length > 0) {
			long before = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
			where.append(" and not (p.case_id = any(?))");
			params.add(hidden);
			left = (int) (before - jdbc.sql("select count(*)" + where).params(params).query(Long.class).single());
		}
		FhirPage page = FhirPage.of(offset, count);
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(page.size());
		paged.add(page.from());
		List<Row> rows = jdbc.sql("select p.id, p.patient_id, p.case_id" + where + " order by p.created_at, p.id limit ? offset ?")
			.params(paged).query((rs, n) -> new Row(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					rs.getObject(3, UUID.class)))
			.list();
		// the plans of cases in Part 2 programs the reader is outside of are left out and counted
		Map<PatientId, Part2Segment> segments = segmentation.part2(rows.stream().map(Row::patient).toList());
		List<CarePlan> found = new ArrayList<>();
		boolean goals = FhirPage.wants(include, "CarePlan:goal");
		int withheld = 0;
		boolean notice = false;
		for (Row row : rows) {
			Part2Segment segment = segments.get(row.patient());
			if (segment.withholds(row.caseId())) {
				withheld++;
				continue;
			}
			boolean part2 = segment.labels(row.caseId());
			notice |= part2 && segment.needsNotice();
			plans.find(row.id()).ifPresent(p -> {
				CarePlan plan = label(fhir.carePlan(p), part2);
				if (goals) includeGoals(p, plan, part2);
				found.add(plan);
			});
		}
		if (FhirPage.wants(include, "CarePlan:subject", "CarePlan:patient")) {
			patients.resolve(found.stream().map(CarePlan::getSubject).toList());
		}
		List<org.hl7.fhir.instance.model.api.IBaseResource> entries = new ArrayList<>(found);
		OperationOutcome outcome = labels.outcome(withheld + left, notice);
		if (outcome != null) entries.add(outcome);
		return page.bundle(entries, total - withheld);
	}

	/** The plan's goals, from the version just read (the plan's own authorization and audit). */
	private void includeGoals(CarePlanView view, CarePlan plan, boolean part2) {
		for (Reference goal : plan.getGoal()) {
			uuid(goal.getReferenceElement().getIdPart()).flatMap(id -> view.content().goal(id))
				.ifPresent(g -> goal.setResource(label(fhir.goal(view, g), part2)));
		}
	}

	/** A plan found by a search: its case's patient and the case (whose program may be under Part 2). */
	private record Row(UUID id, PatientId patient, UUID caseId) {
	}

	static <R extends org.hl7.fhir.r4.model.Resource> R label(R resource, boolean part2) {
		return part2 ? Part2Labels.label(resource) : resource;
	}

	private static String statusCondition(String code) {
		CarePlan.CarePlanStatus status;
		try {
			status = CarePlan.CarePlanStatus.fromCode(code);
		}
		catch (org.hl7.fhir.exceptions.FHIRException ex) {
			throw new InvalidRequestException("Unknown CarePlan status: " + code);
		}
		switch (status) {
			case DRAFT:
				return " and p.status = 'ACTIVE' and " + EMPTY;
			case ACTIVE:
				return " and p.status = 'ACTIVE' and not " + EMPTY;
			case COMPLETED:
				return " and p.status = 'COMPLETED'";
			default:
				return " and false";
		}
	}

	/** The patient a reference names; one that cannot name a Caremap patient matches nothing. */
	static UUID patientId(ReferenceParam reference) {
		if (reference.getResourceType() != null && !"Patient".equals(reference.getResourceType())) {
			throw new InvalidRequestException("The reference must name a Patient: " + reference.getValue());
		}
		return uuid(reference.getIdPart()).orElse(new UUID(0, 0));
	}

	static java.util.Optional<UUID> uuid(@Nullable String id) {
		if (id == null) return java.util.Optional.empty();
		try {
			return java.util.Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

}
